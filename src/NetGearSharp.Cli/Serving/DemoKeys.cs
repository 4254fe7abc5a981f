using NetGearSharp.Security;

namespace NetGearSharp.Cli.Serving;

/// <summary>
/// The demo's keys: with <c>--secure</c> and no <c>--keys</c>, a fresh key folder in a temporary directory (deleted at
/// the end), so a secure demo needs no setup; otherwise the settings as given.
/// </summary>
internal sealed class DemoKeys : IDisposable
{
    private readonly string? _temporary;

    private DemoKeys(SecuritySettings settings, string? temporary)
    {
        Settings = settings;
        _temporary = temporary;
    }

    /// <summary>The security settings to use.</summary>
    public SecuritySettings Settings { get; }

    /// <summary>Makes temporary keys when the demo is secure and no key folder was given.</summary>
    public static DemoKeys For(SecuritySettings given)
    {
        if (given.Mode == SecureMode.Grasslands || given.KeysDirectory is not null) return new DemoKeys(given, null);
        var folder = Path.Combine(Path.GetTempPath(), "netgear-demo-keys-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        KeyDirectory.At(folder).Generate();
        return new DemoKeys(given with { KeysDirectory = folder }, folder);
    }

    /// <summary>Deletes the temporary keys, if any.</summary>
    public void Dispose()
    {
        if (_temporary is null) return;
        try
        {
            Directory.Delete(_temporary, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
