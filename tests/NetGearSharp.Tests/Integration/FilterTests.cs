using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>The filter keeps the chosen servers' frames; the others are dropped undecoded and counted.</summary>
public class FilterTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task FilterKeepsOnlyTheChosenServer(TransportKind transport)
    {
        var ports = FreePorts.Take(3);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with { Filter = [ports[1]] };
        await using var client = new NetGearClient(options);
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) =>
        {
            for (var n = 0; n < 10; n++)
            {
                using var frame = TestFrames.Numbered(i, n);
                server.Send(frame, n);
            }
        });
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(30));
        await sending;

        Assert.Equal(10, got.Count);
        Assert.All(got, g => Assert.Equal(ports[1], g.Port));
        Assert.Equal(20, client.Statistics.FilteredOut);
        var servers = client.Servers.ToDictionary(s => s.Port);
        Assert.Equal(10, servers[ports[0]].FilteredOut);
        Assert.Equal(0, servers[ports[0]].Frames);
        Assert.Equal(10, servers[ports[1]].Frames);
        Assert.All(client.Servers, s => Assert.Equal(ServerState.Terminated, s.State));
    }
}
