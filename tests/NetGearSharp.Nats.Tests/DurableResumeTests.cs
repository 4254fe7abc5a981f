using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>
/// A queue worker's durable consumer keeps its place in the stream: a worker restarted after missing part of a session
/// replays the frames it missed, and ends on that session's recorded goodbye.
/// </summary>
public sealed class DurableResumeTests
{
    [Fact(Timeout = 120_000)]
    public async Task A_restarted_queue_worker_replays_what_it_missed_and_ends_on_the_recorded_goodbye()
    {
        // Before: the frames resumed where the worker had stopped, but the state events were read from "now" only: the
        // goodbye of the missed session never came, and the worker waited for ever.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync(jetStream: true);
        var ports = FreePorts.Take(1);
        var prefix = "resume" + Guid.NewGuid().ToString("N")[..8];
        NatsSourceOptions Worker() => new()
        {
            Urls = [nats.Url], Prefix = prefix, QueueGroup = "recorders", JetStream = new NatsSourceJetStreamOptions(),
        };

        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000,
            JetStream = new NatsJetStreamOptions { MaxAge = TimeSpan.FromMinutes(5), MaxBytes = 64L << 20 },
        }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);

        // The worker (its durable consumer made before the first frame) reads the first half live, then stops (its
        // consumer has acknowledged those ten frames).
        using var half = new SemaphoreSlim(0);
        using var go = new SemaphoreSlim(0);
        Task StartSending() => Task.Factory.StartNew(() =>
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
        Task sending;
        await using (var first = await NatsPacketSource.ConnectAsync(Worker(), timeout.Token))
        {
            sending = StartSending();
            await half.WaitAsync(timeout.Token);
            var seen = new List<int>();
            while (seen.Count < 10)
            {
                using var packet = await first.ReceiveAsync(TimeSpan.FromSeconds(30), timeout.Token) ?? throw new TimeoutException("the first half did not arrive");
                seen.Add(packet.GetMessage<Cameras.Stamp>()!.N);
            }
            Assert.Equal(Enumerable.Range(0, 10), seen);
            await Task.Delay(500, timeout.Token); // the last acknowledgement reaches the server
        }

        // While it is down, the session goes on and ends.
        go.Release();
        await sending;
        Assert.Equal(20, (await forwarding).Published);

        // Restarted, it gets the second half and ends by itself on the recorded goodbye.
        await using var restarted = await NatsPacketSource.ConnectAsync(Worker(), timeout.Token);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        bounded.CancelAfter(TimeSpan.FromSeconds(30));
        List<Cameras.Stamp> replayed = [];
        try
        {
            replayed = await Cameras.CollectAsync(restarted, bounded.Token);
        }
        catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
        {
            Assert.Fail($"the restarted worker did not end within 30 s; it had read {restarted.Statistics.Frames} frames, its server {restarted.Servers.SingleOrDefault()?.State}");
        }
        Assert.Equal(Enumerable.Range(10, 10), replayed.Select(s => s.N));
        Assert.Equal(NatsSourceEndReason.AllServersGone, await restarted.Completion);
        Assert.Equal(ServerState.Terminated, restarted.Servers.Single().State);
    }
}
