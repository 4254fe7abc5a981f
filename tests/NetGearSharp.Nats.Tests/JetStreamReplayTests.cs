using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>JetStream mode: the deployment's stream keeps the frames and states; a worker replays from a time.</summary>
public sealed class JetStreamReplayTests
{
    [Fact(Timeout = 120_000)]
    public async Task WorkerReplaysFromATimeAndEndsWithTheRecordedGoodbye()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync(jetStream: true);
        var ports = FreePorts.Take(1);
        var prefix = "js" + Guid.NewGuid().ToString("N")[..8];

        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000,
            JetStream = new NatsJetStreamOptions { MaxAge = TimeSpan.FromMinutes(5), MaxBytes = 64L << 20 },
        }, timeout.Token);
        Assert.NotNull(forwarder.StreamName);
        // A live JetStream worker (new messages only) joins before the frames.
        await using var live = await NatsPacketSource.ConnectAsync(new NatsSourceOptions
        {
            Urls = [nats.Url], Prefix = prefix, JetStream = new NatsSourceJetStreamOptions(),
        }, timeout.Token);
        var liveReading = Task.Run(() => Cameras.CollectAsync(live, timeout.Token));
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);

        // First half; the replay point is taken once it is all in the stream; then the second half and the goodbye.
        using var half = new SemaphoreSlim(0);
        using var go = new SemaphoreSlim(0);
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = ports[0], RequestTimeout = TimeSpan.FromSeconds(10) });
            for (var n = 0; n < 20; n++)
            {
                if (n == 10)
                {
                    half.Release();
                    go.Wait(timeout.Token);
                }
                using var frame = Frame.Allocate(ElementType.UInt8, 8, 8, 3);
                frame.Data.Fill((byte)n);
                server.Send(frame, new Cameras.Stamp(ports[0], n));
            }
        }, timeout.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        await half.WaitAsync(timeout.Token);
        while (forwarder.Statistics.Published < 10) await Task.Delay(20, timeout.Token);
        await Task.Delay(200, timeout.Token);
        var replayFrom = DateTimeOffset.UtcNow;
        await Task.Delay(200, timeout.Token);
        go.Release();
        await sending;
        var stats = await forwarding;
        Assert.Equal(20, stats.Published);
        Assert.Equal(Enumerable.Range(0, 20), (await liveReading).Select(s => s.N));

        // Replays: from the time (the second half only), and everything; both end by themselves on the recorded goodbye.
        await using var fromTime = await NatsPacketSource.ConnectAsync(new NatsSourceOptions
        {
            Urls = [nats.Url], Prefix = prefix, JetStream = new NatsSourceJetStreamOptions { StartTime = replayFrom },
        }, timeout.Token);
        var secondHalf = await Cameras.CollectAsync(fromTime, timeout.Token);
        Assert.Equal(Enumerable.Range(10, 10), secondHalf.Select(s => s.N));
        Assert.Equal(NatsSourceEndReason.AllServersGone, await fromTime.Completion);

        await using var everything = await NatsPacketSource.ConnectAsync(new NatsSourceOptions
        {
            Urls = [nats.Url], Prefix = prefix, JetStream = new NatsSourceJetStreamOptions { FromBeginning = true },
        }, timeout.Token);
        var all = await Cameras.CollectAsync(everything, timeout.Token);
        Assert.Equal(Enumerable.Range(0, 20), all.Select(s => s.N));
        Assert.Equal(ServerState.Terminated, everything.Servers.Single().State);
    }

    [Fact(Timeout = 120_000)]
    public async Task QueueGroupSharesTheStreamThroughOneDurableConsumer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync(jetStream: true);
        var ports = FreePorts.Take(4);
        var prefix = "jsq" + Guid.NewGuid().ToString("N")[..8];

        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000, JetStream = new NatsJetStreamOptions(),
        }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        await Cameras.RunAsync(ports, 30, TimeSpan.FromMilliseconds(2), timeout.Token);
        await forwarding;

        // Workers join after the fact and share the recorded frames.
        var workers = new List<NatsPacketSource>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                workers.Add(await NatsPacketSource.ConnectAsync(new NatsSourceOptions
                {
                    Urls = [nats.Url], Prefix = prefix, QueueGroup = "recorders",
                    JetStream = new NatsSourceJetStreamOptions { FromBeginning = true },
                }, timeout.Token));
            }
            var shares = await Task.WhenAll(workers.Select(w => Task.Run(() => Cameras.CollectAsync(w, timeout.Token))));
            var all = shares.SelectMany(s => s).ToList();
            Assert.Equal(4 * 30, all.Count);
            Assert.Equal(4 * 30, all.Distinct().Count());
        }
        finally
        {
            foreach (var w in workers) await w.DisposeAsync();
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_replay_of_more_raw_frames_than_a_server_lets_wait_for_a_client_reads_them_all_without_a_disconnect()
    {
        // 150 raw VGA frames, 138 MB in the stream, read more slowly than the server sends. A pull of 1,000 messages asked
        // for all of it at once, past the 64 MB a NATS server lets wait for one client: it cut the reader off
        // ("Slow Consumer"), again and again.
        const int frames = 150;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(160));
        using var nats = await NatsServerProcess.StartAsync(jetStream: true);
        var ports = FreePorts.Take(1);
        var prefix = "big" + Guid.NewGuid().ToString("N")[..8];
        await using (var client = Cameras.Client(ports))
        await using (var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000,
            JetStream = new NatsJetStreamOptions { MaxAge = TimeSpan.FromMinutes(5), MaxBytes = 512L << 20 },
        }, timeout.Token))
        {
            var forwarding = forwarder.ForwardAsync(client, timeout.Token);
            using (var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = ports[0], RequestTimeout = TimeSpan.FromSeconds(10) }))
            {
                for (var n = 0; n < frames; n++)
                {
                    using var frame = Frame.Allocate(ElementType.UInt8, 480, 640, 3);
                    frame.Data.Fill((byte)n);
                    server.Send(frame, new Cameras.Stamp(ports[0], n));
                }
            }
            Assert.Equal(frames, (await forwarding).Published);
        }

        using var log = new NetGearSharp.TestSupport.CollectingLoggerFactory();
        await using var replay = await NatsPacketSource.ConnectAsync(new NatsSourceOptions
        {
            Urls = [nats.Url], Prefix = prefix, LoggerFactory = log,
            JetStream = new NatsSourceJetStreamOptions { FromBeginning = true },
        }, timeout.Token);
        var stamps = await Cameras.CollectAsync(replay, timeout.Token, _ => Thread.Sleep(40)); // a reader slower than the stream

        Assert.Equal(Enumerable.Range(0, frames), stamps.Select(stamp => (int)stamp.N));
        List<string> lines;
        lock (log.Lines) lines = [.. log.Lines];
        Assert.DoesNotContain(lines, line => line.Contains("Disconnected", StringComparison.OrdinalIgnoreCase) || line.Contains("Slow Consumer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stream_kept_for_less_than_two_minutes_is_made()
    {
        // Before: 'duplicates window can not be larger then max age' for every MaxAge from 1 to 119 s.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        using var nats = await NatsServerProcess.StartAsync(jetStream: true);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = "short" + Guid.NewGuid().ToString("N")[..8],
            JetStream = new NatsJetStreamOptions { MaxAge = TimeSpan.FromSeconds(60) },
        }, timeout.Token);
        Assert.NotNull(forwarder.StreamName);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_forwarder_asking_for_a_stream_on_a_server_without_JetStream_is_told_to_turn_it_on()
    {
        // Before: only NATS's 'no responders'.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        using var nats = await NatsServerProcess.StartAsync(jetStream: false);
        var error = await Assert.ThrowsAsync<NetGearException>(async () => await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = "nojs" + Guid.NewGuid().ToString("N")[..8], JetStream = new NatsJetStreamOptions(),
        }, timeout.Token));
        Assert.Contains("is JetStream enabled on the server, nats-server -js?", error.Message);
    }
}
