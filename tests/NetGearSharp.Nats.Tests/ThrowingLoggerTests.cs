using System.Collections.Concurrent;
using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>
/// The application's logger throws on every call (a failed provider): the forwarder, the source and NATS.Net, which
/// log through it, go on; every frame crosses the hop and every state change reaches the source's handlers, although
/// each handler throws too (and the source logs that, through the same logger).
/// </summary>
public sealed class ThrowingLoggerTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_logger_that_throws_stops_neither_the_hop_nor_the_source_s_events()
    {
        const int Frames = 20;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync();
        var ports = FreePorts.Take(2);
        var prefix = "throwing" + Guid.NewGuid().ToString("N")[..8];
        using var logging = new ThrowingLoggerFactory();

        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix, LoggerFactory = logging }, timeout.Token);
        var raised = new ConcurrentQueue<ServerEventArgs>();
        worker.ServerStateChanged += (_, e) =>
        {
            raised.Enqueue(e);
            throw new InvalidOperationException("the application's handler failed");
        };
        var collecting = Task.Run(() => Cameras.CollectAsync(worker, timeout.Token));
        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions { Urls = [nats.Url], Prefix = prefix, LoggerFactory = logging }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);

        await Cameras.RunAsync(ports, Frames, TimeSpan.FromMilliseconds(10), timeout.Token);
        var stats = await forwarding;
        var stamps = await collecting;

        Assert.True(logging.Calls > 0, "nothing was logged: the test would not show that a throwing logger is survived");
        Assert.Equal(2 * Frames, stats.Published);
        Assert.Equal(2 * Frames, stamps.Count);
        // The source's event pump logs each handler's exception: before the logger was guarded, the first one ended it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (raised.Count(e => e.Current == ServerState.Terminated) < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        foreach (var port in ports)
        {
            Assert.Contains(raised, e => e.Port == port && e.Current == ServerState.Streaming);
            Assert.Contains(raised, e => e.Port == port && e.Current == ServerState.Terminated);
        }
    }
}
