using NetGearSharp.Tests.Support;
using NetGearSharp.Transport;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// An IPv6 address works on both transports, with or without brackets: the sockets get IPv6 turned on. Before, the
/// address passed validation and a server then waited for ever for a client it could never reach.
/// </summary>
public class Ipv6Tests
{
    public static IEnumerable<object[]> Cases =>
        from transport in new[] { TransportKind.Native, TransportKind.NetMq }
        from pattern in new[] { NetGearPattern.ReqRep, NetGearPattern.PubSub }
        from address in new[] { "::1", "[::1]" }
        select new object[] { transport, pattern, address };

    [Ipv6Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task Frames_go_over_IPv6_loopback(TransportKind transport, NetGearPattern pattern, string address)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], pattern, transport) with
        {
            Address = address,
            QueueCapacity = 10,
        });
        Assert.Contains("[::1]", client.Endpoints[0]);
        await ServerFleet.Run([port], _ => ServerFleet.Options(port, pattern, transport) with
        {
            Address = address,
            ConnectTimeout = TimeSpan.FromSeconds(20), // fails, not hangs, if it cannot connect
        }, (_, server) => ServerFleet.SendNumbered(server, 0, 5)).WaitAsync(TimeSpan.FromSeconds(40));
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(20));
        if (pattern == NetGearPattern.ReqRep) Assert.Equal(Enumerable.Range(0, 5).Select(n => (long)n + 1), got.Select(g => g.Sequence));
        else Assert.NotEmpty(got); // Publish/Subscribe keeps the newest: a fast publisher's frames may replace each other
        Assert.All(got, g => Assert.True(g.Matches));
    }

    [Theory]
    [InlineData("::1", true)]
    [InlineData("[fe80::1]", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("camera-3.local", false)]
    [InlineData("*", false)]
    public void Ipv6_addresses_are_recognised_and_bracketed_in_endpoints(string address, bool ipv6)
    {
        Assert.Equal(ipv6, Endpoints.IsIpv6(address));
        var endpoint = Endpoints.Build(NetGearProtocol.Tcp, address, 5566);
        if (ipv6) Assert.Equal($"tcp://[{address.Trim('[', ']')}]:5566", endpoint);
        else Assert.Equal($"tcp://{address}:5566", endpoint);
    }
}
