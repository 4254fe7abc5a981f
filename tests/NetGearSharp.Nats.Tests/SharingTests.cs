using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>8 servers → one forwarding client → NATS → 3 workers in a queue group.</summary>
public sealed class SharingTests
{
    [Fact(Timeout = 120_000)]
    public async Task QueueGroupWorkersProcessEveryFrameExactlyOnceInTotal()
    {
        const int Frames = 40;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync();
        var ports = FreePorts.Take(8);
        var prefix = "share" + Guid.NewGuid().ToString("N")[..8];

        var workers = new List<NatsPacketSource>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                workers.Add(await NatsPacketSource.ConnectAsync(new NatsSourceOptions
                {
                    Urls = [nats.Url], Prefix = prefix, QueueGroup = "workers", BufferCapacity = 10_000,
                }, timeout.Token));
            }
            var collecting = workers.Select(w => Task.Run(() => Cameras.CollectAsync(w, timeout.Token))).ToArray();

            await using var client = Cameras.Client(ports);
            await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
            {
                Urls = [nats.Url], Prefix = prefix, BufferCapacity = 10_000,
            }, timeout.Token);
            var forwarding = forwarder.ForwardAsync(client, timeout.Token);
            await Cameras.RunAsync(ports, Frames, TimeSpan.FromMilliseconds(5), timeout.Token);
            var stats = await forwarding;

            var perWorker = await Task.WhenAll(collecting);
            var all = perWorker.SelectMany(s => s).ToList();

            Assert.Equal(8 * Frames, stats.Published);
            Assert.Equal(0, stats.Dropped);
            Assert.Equal(8 * Frames, all.Count);
            Assert.Equal(8 * Frames, all.Distinct().Count());
            foreach (var port in ports)
            {
                Assert.Equal(Enumerable.Range(0, Frames), all.Where(s => s.Port == port).Select(s => s.N).Order());
            }
            Assert.All(perWorker, share => Assert.NotEmpty(share));
            foreach (var worker in workers)
            {
                Assert.Equal(NatsSourceEndReason.AllServersGone, await worker.Completion);
                Assert.Equal(8, worker.Servers.Count);
                Assert.All(worker.Servers, s => Assert.Equal(ServerState.Terminated, s.State));
            }
        }
        finally
        {
            foreach (var w in workers) await w.DisposeAsync();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task PlainSubscribersEachSeeEveryFrame()
    {
        const int Frames = 25;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync();
        var ports = FreePorts.Take(2);
        var prefix = "plain" + Guid.NewGuid().ToString("N")[..8];

        await using var a = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix }, timeout.Token);
        await using var b = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix }, timeout.Token);
        var collectA = Task.Run(() => Cameras.CollectAsync(a, timeout.Token));
        var collectB = Task.Run(() => Cameras.CollectAsync(b, timeout.Token));

        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions { Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000 }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        await Cameras.RunAsync(ports, Frames, TimeSpan.FromMilliseconds(5), timeout.Token);
        await forwarding;

        Assert.Equal(2 * Frames, (await collectA).Distinct().Count());
        Assert.Equal(2 * Frames, (await collectB).Distinct().Count());
        Assert.Equal(0, a.Statistics.Gaps);
    }
}
