using System.Diagnostics;
using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>A stuck NATS never stalls the ZeroMQ side: the forwarder's buffer drops the oldest frames, counted.</summary>
public sealed class FlowTests
{
    [Fact(Timeout = 180_000)]
    public async Task FrozenNatsDropsOldestFramesCountedAndTheCamerasNeverWait()
    {
        const int Frames = 60;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        using var nats = await NatsServerProcess.StartAsync();
        var ports = FreePorts.Take(2);
        var prefix = "flow" + Guid.NewGuid().ToString("N")[..8];

        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000 }, timeout.Token);
        var collecting = Task.Run(() => Cameras.CollectAsync(worker, timeout.Token));
        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions { Urls = [nats.Url], Prefix = prefix, BufferCapacity = 4 }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);

        nats.Pause();
        try
        {
            // 2 × 60 frames of 192 KiB (23 MB): far more than the socket buffers hold while NATS takes nothing.
            var clock = Stopwatch.StartNew();
            await Cameras.RunAsync(ports, Frames, TimeSpan.FromMilliseconds(5), timeout.Token, shape: [256, 256, 3]);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the cameras took {clock.Elapsed}");
            Assert.True(nats.HasExited == false);
            // The forwarder reads the client's queue on its own task: under load it may still be catching up when the
            // cameras are done. Every frame reaches it while NATS stays frozen (Post never waits for NATS).
            while (forwarder.Statistics.Posted < 2 * Frames && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20, timeout.Token);
            }
            var whileFrozen = forwarder.Statistics;
            Assert.Equal(2 * Frames, whileFrozen.Posted);
            Assert.True(whileFrozen.Dropped > 0, "frames were dropped while NATS was frozen");
        }
        finally
        {
            nats.Resume();
        }

        var stats = await forwarding;
        var stamps = await collecting;
        Assert.Equal(2 * Frames, stats.Published + stats.Dropped + stats.Failed);
        Assert.Equal(stats.Published, stamps.Count);
        // The drops are visible at the worker: in the servers' Dropped and the upstream total, and as sequence gaps.
        Assert.Equal(stats.Dropped, worker.Statistics.UpstreamDropped);
        Assert.Equal(stats.Dropped, worker.Servers.Sum(s => s.Dropped));
        foreach (var (port, dropped) in stats.DroppedByPort)
        {
            Assert.Equal(dropped, worker.Servers.Single(s => s.Port == port).Dropped);
        }
    }
}
