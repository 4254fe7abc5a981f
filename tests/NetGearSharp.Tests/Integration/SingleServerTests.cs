using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Plain one-server NetGear (multi-server mode off) works with all three patterns.</summary>
public class SingleServerTests
{
    public static IEnumerable<object[]> Patterns =>
        from pattern in Enum.GetValues<NetGearPattern>()
        from transport in TestTransports.Kinds
        select new object[] { pattern, transport };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Patterns))]
    public async Task OneServerOneClient(NetGearPattern pattern, TransportKind transport)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Pattern = pattern, MultiServerMode = false, QueueCapacity = 32, Transport = transport,
        });
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Pattern = pattern, MultiServerMode = false, Transport = transport });
            if (pattern == NetGearPattern.PubSub)
            {
                while (client.Servers.Single().Connections == 0) Thread.Sleep(10);
            }
            for (var n = 0; n < 10; n++)
            {
                using var frame = TestFrames.Numbered(0, n);
                server.Send(frame, n);
                if (pattern == NetGearPattern.PubSub) Thread.Sleep(5);
            }
        }, TaskCreationOptions.LongRunning);
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(20), p => TestFrames.MatchesNumbered(p.Frame, 0, int.Parse(p.MessageJson!)));
        await sending;
        Assert.All(got, g => Assert.True(g.Matches));
        Assert.All(got, g => Assert.Equal(port, g.Port));
        if (pattern != NetGearPattern.PubSub) Assert.Equal(10, got.Count);
        else Assert.NotEmpty(got);
        Assert.Equal(ServerState.Terminated, client.Servers.Single().State);
    }
}
