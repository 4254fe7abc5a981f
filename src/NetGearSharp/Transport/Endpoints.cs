using System.Globalization;

namespace NetGearSharp.Transport;

/// <summary>Builds and reads endpoint strings: <c>{protocol}://{address}:{port}</c>, as VidGear builds them.</summary>
internal static class Endpoints
{
    public static string Build(NetGearProtocol protocol, string address, int port)
        => string.Create(CultureInfo.InvariantCulture, $"{(protocol == NetGearProtocol.Tcp ? "tcp" : "ipc")}://{address}:{port}");

    /// <summary>The port at the end of an endpoint (<c>tcp://0.0.0.0:5566</c> gives <c>5566</c>), or null.</summary>
    public static int? PortOf(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0 || colon == endpoint.Length - 1) return null;
        var tail = endpoint.AsSpan(colon + 1).TrimEnd('/');
        return int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : (int?)null;
    }
}
