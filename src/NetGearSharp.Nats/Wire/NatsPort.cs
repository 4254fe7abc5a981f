using System.Globalization;

namespace NetGearSharp.Nats.Wire;

/// <summary>
/// The one place where a server's port becomes a subject token and a header value (decimal, invariant culture), and
/// back.
/// </summary>
internal static class NatsPort
{
    /// <summary>The subject token and header value of a port.</summary>
    public static string Token(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The port from a header value or subject token; false when it is not a port number (1-65535).</summary>
    public static bool TryParse(string? token, out int port)
    {
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535) return true;
        port = 0;
        return false;
    }
}
