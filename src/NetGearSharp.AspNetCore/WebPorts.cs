using System.Globalization;

namespace NetGearSharp.AspNetCore;

/// <summary>
/// Every place this package reads a port from the core library's types: the web side keys servers by <c>int</c>. The
/// core library's ports are about to become <c>int</c> everywhere; then these become plain property reads.
/// </summary>
internal static class WebPorts
{
    public static int Of(ServerInfo server) => Parse(server.Port);

    public static int Of(NetGearPacket packet) => Parse(packet.Port);

    public static int Of(ServerEventArgs e) => Parse(e.Port);

    public static IEnumerable<int> Of(NetGearClient client) => client.Ports.Select(Parse);

    private static int Parse(string port) => int.Parse(port, NumberStyles.None, CultureInfo.InvariantCulture);
}
