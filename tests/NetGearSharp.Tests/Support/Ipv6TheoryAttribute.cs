using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.Tests.Support;

/// <summary>A theory skipped, saying why, where this machine cannot listen on IPv6 loopback (<c>::1</c>; containers often have IPv6 off).</summary>
public sealed class Ipv6TheoryAttribute : TheoryAttribute
{
    public Ipv6TheoryAttribute()
    {
        if (Unavailable is { } reason) Skip = "Skipped: " + reason;
    }

    private static readonly string? Unavailable = Probe();

    private static string? Probe()
    {
        if (!Socket.OSSupportsIPv6) return "the system has no IPv6";
        try
        {
            using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
            listener.Start();
            return null;
        }
        catch (SocketException ex)
        {
            return $"cannot listen on [::1] ({ex.SocketErrorCode})";
        }
    }
}
