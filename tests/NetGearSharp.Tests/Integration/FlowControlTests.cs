using System.Text.Json;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Request/Reply flow control (<see cref="NetGearClientOptions.MaxFramesInFlight"/>) with real sockets.</summary>
public class FlowControlTests
{
    public static IEnumerable<object[]> Transports() => TestTransports.Kinds.Select(k => new object[] { k });

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Transports))]
    public async Task AWindowSmallerThanTheFleetHoldsRepliesButLosesAndReordersNothing(TransportKind transport)
    {
        const int servers = 16, frames = 150;
        var ports = FreePorts.Take(servers);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with { MaxFramesInFlight = 2 };
        await using var client = new NetGearClient(options);
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) =>
        {
            for (var n = 0; n < frames; n++)
            {
                using var frame = TestFrames.Numbered(i, n);
                server.Send(frame, new { server = i, n });
            }
        });

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(90));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(servers * frames, got.Count);
        foreach (var group in got.GroupBy(g => g.Port))
            Assert.Equal(Enumerable.Range(0, frames), group.Select(g => JsonDocument.Parse(g.Message!).RootElement.GetProperty("n").GetInt32()));
        Assert.True(client.Statistics.RepliesHeld > 0, "16 eager servers never filled a window of 2");
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Transports))]
    public async Task AGrantedServerThatGoesQuietDoesNotStallTheOthers(TransportKind transport)
    {
        const int frames = 200;
        var ports = FreePorts.Take(3);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with { MaxFramesInFlight = 1 };
        await using var client = new NetGearClient(options);
        using var release = new ManualResetEventSlim();
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) =>
        {
            // Server 0 is answered (granted) and then sends nothing while it stays connected, like a slow camera.
            var count = i == 0 ? 1 : frames;
            for (var n = 0; n < count; n++)
            {
                using var frame = TestFrames.Numbered(i, n);
                server.Send(frame, new { server = i, n });
            }
            if (i == 0) release.Wait(TimeSpan.FromSeconds(60));
        });

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var counts = new int[3];
        await foreach (var packet in client.ReadAllAsync(cts.Token))
        {
            using (packet) counts[Array.IndexOf(ports, int.Parse(packet.Port))]++;
            if (counts[1] == frames && counts[2] == frames) break;
        }
        release.Set();
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([1, frames, frames], counts);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Transports))]
    public async Task ZeroTurnsFlowControlOff(TransportKind transport)
    {
        const int servers = 8, frames = 100;
        var ports = FreePorts.Take(servers);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with { MaxFramesInFlight = 0 };
        await using var client = new NetGearClient(options);
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) =>
        {
            for (var n = 0; n < frames; n++)
            {
                using var frame = TestFrames.Numbered(i, n);
                server.Send(frame, new { server = i, n });
            }
        });

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(90));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(servers * frames, got.Count);
        Assert.Equal(0, client.Statistics.RepliesHeld);
    }
}
