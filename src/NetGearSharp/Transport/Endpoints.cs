using System.Globalization;

namespace NetGearSharp.Transport;

/// <summary>Builds and reads endpoint strings: <c>{protocol}://{address}:{port}</c>, as VidGear builds them.</summary>
internal static class Endpoints
{
    public static string Build(NetGearProtocol protocol, string address, int port)
    {
        // An IPv6 address goes in brackets (tcp://[::1]:5566), whether or not it was given with them.
        var host = protocol == NetGearProtocol.Tcp && IsIpv6(address) && !address.StartsWith('[') ? $"[{address}]" : address;
        return string.Create(CultureInfo.InvariantCulture, $"{(protocol == NetGearProtocol.Tcp ? "tcp" : "ipc")}://{host}:{port}");
    }

    /// <summary>Whether <paramref name="address"/> is an IPv6 address (with or without brackets): its sockets need IPv6 turned on (<see cref="SocketSpec.Ipv6"/>).</summary>
    public static bool IsIpv6(string address)
    {
        var host = address.StartsWith('[') && address.EndsWith(']') ? address[1..^1] : address;
        return System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

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
