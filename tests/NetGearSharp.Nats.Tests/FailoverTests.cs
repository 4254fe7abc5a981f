using System.Diagnostics;
using Xunit.Abstractions;
using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>A three-node NATS cluster loses the node the forwarder is connected to, mid-stream.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    /// <summary>
    /// The documented failover window (docs/scale-out.md) is the time between the node's death and the forwarder
    /// noticing it: immediate when the process dies, at most PingInterval × MaxPingOut = 4 s when a machine vanishes
    /// silently. Here the node's process is killed, so the loss must fit in a second of frames, far less than the
    /// 4 s one a forwarder waiting for its pings would lose.
    /// </summary>
    private static readonly TimeSpan KilledWindow = TimeSpan.FromSeconds(1);

    /// <summary>The silent window: the stream goes on longer than this after the kill, so waiting it out would show.</summary>
    private static readonly TimeSpan SilentWindow = TimeSpan.FromSeconds(4);

    [Fact(Timeout = 180_000)]
    public async Task ForwardingGoesOnWhenANodeDiesAndTheLossIsCountedWithinTheWindow()
    {
        // 8 s per server: the kill comes once a quarter of all frames is published (after about 2 s, later when the
        // machine is busy), leaving about 6 s of stream after it (300 frames left 3.9 s once on a busy CI machine).
        const int Frames = 400;
        var interval = TimeSpan.FromMilliseconds(20);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        using var cluster = await NatsCluster.StartAsync();
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var ports = FreePorts.Take(2);
        var prefix = "fail" + Guid.NewGuid().ToString("N")[..8];

        // The worker is on node B; the forwarder starts on node A (no randomising) and knows B and C.
        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [b.Url], Prefix = prefix, EndGrace = TimeSpan.FromSeconds(2) }, timeout.Token);
        await NatsCluster.ProbeAsync(a.Url, b.Url, timeout.Token); // B's interest has reached A
        var received = new List<(int Port, long Sequence, long At)>();
        var collecting = Task.Run(() => Cameras.CollectAsync(worker, timeout.Token, p => received.Add((p.Port, p.Sequence, Stopwatch.GetTimestamp())))); 

        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [a.Url, b.Url, c.Url], Prefix = prefix, BufferCapacity = 1000,
            ConfigureNats = o => o with { NoRandomize = true },
        }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        var sending = Cameras.RunAsync(ports, Frames, interval, timeout.Token);

        while (forwarder.Statistics.Published < Frames / 2) await Task.Delay(20, timeout.Token);
        var publishedBeforeKill = forwarder.Statistics.Published;
        a.Kill();
        var killedAt = Stopwatch.GetTimestamp();

        await sending;
        var sentAfterKill = Stopwatch.GetElapsedTime(killedAt);
        Assert.True(sentAfterKill > SilentWindow, $"the stream went on {sentAfterKill.TotalSeconds:F1} s after the kill; the test needs more than {SilentWindow.TotalSeconds} s");
        var stats = await forwarding;
        var stamps = await collecting;

        // Forwarding went on: frames published after the kill reached the worker through another node.
        Assert.True(stats.Published > publishedBeforeKill, $"published {stats.Published}, {publishedBeforeKill} before the kill");
        Assert.Contains(received, r => r.At > killedAt);
        // The worker still ended by itself (the goodbyes came through the other node).
        Assert.Equal(NatsSourceEndReason.AllServersGone, await worker.Completion);

        // Every missing frame is counted, and the loss fits in the window.
        var total = 2 * Frames;
        var lost = total - stamps.Count;
        // Frames lost at the end count too: the goodbye carries the last forwarded sequence number.
        Assert.Equal(lost, worker.Statistics.Gaps);
        Assert.Equal(0, worker.Statistics.UpstreamDropped);
        var perWindow = (int)(KilledWindow / interval) * ports.Length;
        output.WriteLine($"published {stats.Published} ({publishedBeforeKill} before the kill), received {stamps.Count}, lost {lost} (window allows {perWindow})");
        Assert.InRange(lost, 0, perWindow);
    }
}
