namespace NetGearSharp.Protocol;

/// <summary>Canonical decimal strings of port numbers, cached so the receive path does not allocate them.</summary>
internal static class PortNames
{
    private static readonly string?[] Cache = new string?[65536];

    public static string Get(int port)
    {
        if ((uint)port > 65535) return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Cache[port] ??= port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a port given as digits (leading/trailing spaces allowed) in the range 0–65535+.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int port)
        => int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port);
}
