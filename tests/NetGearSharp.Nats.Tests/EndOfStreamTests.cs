using System.Collections.Concurrent;
using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>The states travel with the frames, and a worker ends by itself when every forwarded server has ended.</summary>
public sealed class EndOfStreamTests
{
    [Fact(Timeout = 120_000)]
    public async Task WorkerFollowsForwardedStatesAndEndsWhenEveryServerHasEnded()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync();
        var ports = FreePorts.Take(3);
        var prefix = "eos" + Guid.NewGuid().ToString("N")[..8];

        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix }, timeout.Token);
        var events = new ConcurrentQueue<ServerEventArgs>();
        worker.ServerStateChanged += (_, e) => events.Enqueue(e);
        var collecting = Task.Run(() => Cameras.CollectAsync(worker, timeout.Token));

        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions { Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000 }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        // The servers end one after the other: the worker must not end at the first goodbye.
        await Task.WhenAll(
            Cameras.RunAsync([ports[0]], 5, TimeSpan.FromMilliseconds(10), timeout.Token),
            Cameras.RunAsync([ports[1]], 60, TimeSpan.FromMilliseconds(10), timeout.Token),
            Cameras.RunAsync([ports[2]], 120, TimeSpan.FromMilliseconds(10), timeout.Token));
        var stats = await forwarding;

        var stamps = await collecting;
        Assert.Equal(NatsSourceEndReason.AllServersGone, await worker.Completion.WaitAsync(timeout.Token));
        Assert.Equal(5 + 60 + 120, stamps.Count);
        Assert.True(stats.States >= 3, $"{stats.States} state events published");
        foreach (var port in ports)
        {
            Assert.Contains(events, e => e.Port == port && e.Current == ServerState.Terminated);
            Assert.Equal(ServerState.Terminated, worker.Servers.Single(s => s.Port == port).State);
        }
        Assert.Equal(120, worker.Servers.Single(s => s.Port == ports[2]).Frames);
    }
}
