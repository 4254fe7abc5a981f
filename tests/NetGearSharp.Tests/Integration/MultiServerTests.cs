using System.Text.Json;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Many servers, one client, both patterns: every frame with the right port and message.</summary>
public class MultiServerTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var transport in TestTransports.Kinds)
        foreach (var servers in new[] { 2, 8, 64 })
        {
            yield return [transport, servers];
        }
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task ReqRepDeliversEveryFrameInOrderPerServer(TransportKind transport, int servers)
    {
        const int frames = 20;
        var ports = FreePorts.Take(servers);
        await using var client = new NetGearClient(ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport));
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) => ServerFleet.SendNumbered(server, i, frames));

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(90), CheckNumbered(ports));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(servers * frames, got.Count);
        Assert.All(got, g => Assert.True(g.Matches, $"frame from {g.Port} does not match its message {g.Message}"));
        foreach (var group in got.GroupBy(g => g.Port))
        {
            var ns = group.Select(g => JsonDocument.Parse(g.Message!).RootElement.GetProperty("n").GetInt32()).ToArray();
            Assert.Equal(Enumerable.Range(0, frames), ns);
        }
        Assert.All(client.Servers, s => Assert.Equal(ServerState.Terminated, s.State));
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task PubSubDeliversFramesFromEveryServerWithTheRightPort(TransportKind transport, int servers)
    {
        const int frames = 40;
        var ports = FreePorts.Take(servers);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.PubSub, transport) with { QueueCapacity = 64 };
        await using var client = new NetGearClient(options);
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.PubSub, transport), (i, server) =>
        {
            // Publish/Subscribe drops frames sent before the subscription is connected: wait for it, then pace.
            WaitUntil(() => client.Servers.Single(s => s.Port == server.Port).Connections > 0, TimeSpan.FromSeconds(20));
            for (var n = 0; n < frames; n++)
            {
                using var frame = TestFrames.Numbered(i, n);
                server.Send(frame, new { server = i, n });
                Thread.Sleep(5);
            }
        });

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(90), CheckNumbered(ports));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(got, g => Assert.True(g.Matches, $"frame from {g.Port} does not match its message {g.Message}"));
        Assert.Equal(ports.Order(), got.Select(g => g.Port).Distinct().Order());
        foreach (var group in got.GroupBy(g => g.Port))
        {
            var ns = group.Select(g => JsonDocument.Parse(g.Message!).RootElement.GetProperty("n").GetInt32()).ToArray();
            Assert.Equal(ns.Order(), ns); // newest-wins may skip frames, never reorders them
            Assert.Equal(ns.Distinct().Count(), ns.Length);
        }
        Assert.All(client.Servers, s => Assert.Equal(ServerState.Terminated, s.State));
    }

    private static Func<NetGearPacket, bool> CheckNumbered(int[] ports) => packet =>
    {
        var message = packet.Message!.Value;
        var index = message.GetProperty("server").GetInt32();
        return ports[index] == packet.Port && TestFrames.MatchesNumbered(packet.Frame, index, message.GetProperty("n").GetInt32());
    };

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in " + timeout);
            Thread.Sleep(10);
        }
    }
}
