namespace NetGearSharp.Cli;

/// <summary>The checked <c>--secure</c> and <c>--keys</c> arguments of <c>serve</c>, <c>view</c> and <c>demo</c>.</summary>
/// <param name="Mode">Grasslands (no <c>--secure</c>), StoneHouse or IronHouse.</param>
/// <param name="KeysDirectory">The key folder (VidGear's layout under it); null: the home folder, or for <c>demo</c> fresh keys in a temporary folder.</param>
internal sealed record SecuritySettings(SecureMode Mode, string? KeysDirectory)
{
    /// <summary>No security (Grasslands), the default.</summary>
    public static SecuritySettings None { get; } = new(SecureMode.Grasslands, null);
}
