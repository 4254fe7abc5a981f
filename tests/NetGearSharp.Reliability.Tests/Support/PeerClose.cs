using System.Net.Sockets;

namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>Whether the client closed (or reset) a connection a test opened to it, looked at without waiting.</summary>
internal static class PeerClose
{
    /// <summary>
    /// True when the other side closed or reset <paramref name="tcp"/>: what it sent before (its greeting) is read and
    /// dropped; an orderly close then reads 0 and a reset throws.
    /// </summary>
    public static bool ClosedByClient(TcpClient tcp)
    {
        try
        {
            var buffer = new byte[4096];
            while (tcp.Client.Poll(0, SelectMode.SelectRead))
            {
                if (tcp.Client.Receive(buffer) == 0) return true;
            }
            return false;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }
}
