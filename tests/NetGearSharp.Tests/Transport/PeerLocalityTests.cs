using System.Net;
using System.Net.Sockets;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// Whether a connection's peer is on this machine (<see cref="PeerLocality"/>): loopback, or the connection's own
/// address. A peer in another network namespace is covered in the reliability tests (it needs root).
/// </summary>
public class PeerLocalityTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.53", true)]
    [InlineData("192.168.1.5", "192.168.1.5", true)]
    [InlineData("192.168.1.5", "192.168.1.6", false)]
    [InlineData("10.0.0.1", "127.0.0.1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("fe80::1", "fe80::2", false)]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1", true)]
    [InlineData("10.0.0.1", "::ffff:10.0.0.1", true)]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.2", false)]
    [InlineData("::ffff:10.0.0.1", "::ffff:127.0.0.1", true)]
    public void A_peer_is_on_this_machine_when_it_is_loopback_or_the_connections_own_address(string own, string peer, bool expected)
        => Assert.Equal(expected, PeerLocality.SameMachine(IPAddress.Parse(own), IPAddress.Parse(peer)));

    [Theory(Timeout = 20_000)]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task A_loopback_connection_is_on_this_machine_and_a_closed_descriptor_is_not(string address)
    {
        var ip = IPAddress.Parse(address);
        using var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(ip, 0));
        listener.Listen();
        using var client = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        var accepted = await listener.AcceptAsync();
        var descriptor = (long)accepted.Handle;
        Assert.True(PeerLocality.OnThisMachine(descriptor));
        accepted.Dispose();
        Assert.False(PeerLocality.OnThisMachine(-1));
    }
}
