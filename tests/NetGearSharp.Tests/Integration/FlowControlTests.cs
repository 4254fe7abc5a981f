using System.Text.Json;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Request/Reply flow control (<see cref="NetGearClientOptions.MaxBytesInFlight"/>) with real sockets.</summary>
public class FlowControlTests
{
    public static IEnumerable<object[]> Transports() => TestTransports.Kinds.Select(k => new object[] { k });

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Transports))]
    public async Task AWindowSmallerThanTheFleetHoldsRepliesButLosesAndReordersNothing(TransportKind transport)
    {
        const int servers = 32, frames = 100; // far more than the grants that are always allowed
        var ports = FreePorts.Take(servers);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with { MaxBytesInFlight = 2 * 72 }; // two 4x6x3 frames
        await using var client = new NetGearClient(options);
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) => ServerFleet.SendNumbered(server, i, frames));

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(90));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(servers * frames, got.Count);
        foreach (var group in got.GroupBy(g => g.Port))
            Assert.Equal(Enumerable.Range(0, frames), group.Select(g => JsonDocument.Parse(g.Message!).RootElement.GetProperty("n").GetInt32()));
        Assert.True(client.Statistics.RepliesHeld > 0, "32 eager servers never filled a window of two frames");
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Transports))]
    public async Task GrantedServersThatGoQuietDoNotStallTheOthers(TransportKind transport)
    {
        // 16 servers are answered and then send nothing while they stay connected, like slow cameras: they hold more
        // grants than are always allowed, and the budget of 1 byte allows no more. The 4 eager ones must still stream.
        const int quiet = 16, eager = 4, frames = 200;
        var ports = FreePorts.Take(quiet + eager);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with { MaxBytesInFlight = 1 };
        await using var client = new NetGearClient(options);
        using var release = new ManualResetEventSlim();
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) =>
        {
            ServerFleet.SendNumbered(server, i, i < quiet ? 1 : frames);
            if (i < quiet) release.Wait(TimeSpan.FromSeconds(60));
        });

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var counts = new int[ports.Length];
        try
        {
            await foreach (var packet in client.ReadAllAsync(cts.Token))
            {
                using (packet) counts[Array.IndexOf(ports, packet.Port)]++;
                if (counts.Skip(quiet).All(c => c == frames)) break;
            }
        }
        finally
        {
            release.Set();
        }
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(counts.Take(quiet), c => Assert.Equal(1, c));
        Assert.All(counts.Skip(quiet), c => Assert.Equal(frames, c));
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Transports))]
    public async Task FramesTheApplicationHasNotTakenCountAgainstTheBudget(TransportKind transport)
    {
        // The application takes nothing for a while. Each server's queue holds 8 frames, so without counting the queue
        // the client would keep answering until 24 x 8 = 192 frames sat in memory; counted, the undelivered frames fill
        // the budget of 10 frames, and every later answer waits for the application.
        const int servers = 24, frames = 50, frameBytes = 72; // TestFrames.Numbered: 4x6x3
        var ports = FreePorts.Take(servers);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with { MaxBytesInFlight = 10 * frameBytes };
        await using var client = new NetGearClient(options);
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) => ServerFleet.SendNumbered(server, i, frames));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (client.Servers.Any(s => s.Frames == 0) && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        Assert.All(client.Servers, s => Assert.True(s.Frames > 0, $"server {s.Port} delivered nothing in 30 s"));
        await Task.Delay(500); // plenty of time for 192 tiny frames
        var received = client.Servers.Sum(s => s.Frames);
        Assert.True(received <= ReplyWindowLimit(servers, budgetFrames: 10), $"{received} frames were taken in while the application took none");
        Assert.True(client.Statistics.RepliesHeld > 0);

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(90));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(servers * frames, got.Count);
        foreach (var group in got.GroupBy(g => g.Port))
            Assert.Equal(Enumerable.Range(0, frames), group.Select(g => JsonDocument.Parse(g.Message!).RootElement.GetProperty("n").GetInt32()));
    }

    /// <summary>At most every server's first (unasked) frame plus the budget's worth of frames (or the always-allowed places, if more) can be in the client.</summary>
    private static int ReplyWindowLimit(int servers, int budgetFrames) => servers + Math.Max(budgetFrames, NetGearSharp.Client.ReplyWindow.MinGrants);

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Transports))]
    public async Task ZeroTurnsFlowControlOff(TransportKind transport)
    {
        const int servers = 8, frames = 100;
        var ports = FreePorts.Take(servers);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with { MaxBytesInFlight = 0 };
        await using var client = new NetGearClient(options);
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport), (i, server) => ServerFleet.SendNumbered(server, i, frames));

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(90));
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(servers * frames, got.Count);
        Assert.Equal(0, client.Statistics.RepliesHeld);
    }
}
