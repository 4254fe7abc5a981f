namespace NetGearSharp.Nats.Wire;

/// <summary>
/// The one place where a server's port (as the core API gives it) becomes a subject token and a header value, and
/// back. When the core's ports change type, only this file changes.
/// </summary>
internal static class NatsPort
{
    /// <summary>The subject token and header value of a port.</summary>
    public static string Token(string port) => port;

    /// <summary>The port as the core API names it, from a header value; false when it is not a port number.</summary>
    public static bool TryParse(string? token, out string port)
    {
        port = "";
        if (!int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value is < 1 or > 65535) return false;
        port = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
