using System.Collections.Concurrent;
using NetGearSharp.Nats.Tests.Support;
using Xunit.Abstractions;

namespace NetGearSharp.Nats.Tests;

/// <summary>
/// NATS goes away and comes back on the same port: the forwarder and the reader say when the link is lost and when it
/// is back; the reader shows the servers stale meanwhile; the forwarder counts its drops as the outage's.
/// </summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    [Fact(Timeout = 180_000)]
    public async Task An_outage_is_told_by_both_ends_and_its_drops_are_counted_apart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(160));
        var natsPort = FreePorts.One();
        var nats = await NatsServerProcess.StartAsync(port: natsPort);
        try
        {
            var ports = FreePorts.Take(1);
            var prefix = "outage" + Guid.NewGuid().ToString("N")[..8];
            await using var client = Cameras.Client(ports);
            await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
            {
                Urls = [nats.Url], Prefix = prefix, BufferCapacity = 4, FlushTimeout = TimeSpan.FromSeconds(10),
            }, timeout.Token);
            await using var source = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix }, timeout.Token);
            var forwarderLinks = new ConcurrentQueue<NatsLinkEventArgs>();
            var sourceEvents = new ConcurrentQueue<EventArgs>();
            forwarder.LinkChanged += (_, e) => forwarderLinks.Enqueue(e);
            source.LinkChanged += (_, e) => sourceEvents.Enqueue(e);
            source.ServerStateChanged += (_, e) => sourceEvents.Enqueue(e);
            var reading = Task.Run(() => Cameras.CollectAsync(source, timeout.Token));
            var forwarding = forwarder.ForwardAsync(client, timeout.Token);
            using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var sending = Cameras.RunAsync(ports, 100_000, TimeSpan.FromMilliseconds(20), stopSending.Token, shape: [240, 320, 3]);

            await Until(() => source.Statistics.Frames >= 10, "frames before the outage", timeout.Token);
            Assert.True(source.IsLinkUp && forwarder.IsLinkUp);
            nats.Dispose();
            await Until(() => !source.IsLinkUp && !forwarder.IsLinkUp, "both ends to see the link lost", timeout.Token);
            await Until(() => source.Servers.Single().State == ServerState.Stale, "the server shown stale", timeout.Token);
            await Until(() => forwarder.Statistics.DroppedWhileLinkDown > 0, "drops while the link is down", timeout.Token);
            var framesDuringOutage = source.Statistics.Frames;

            nats = await NatsServerProcess.StartAsync(port: natsPort);
            await Until(() => source.IsLinkUp && forwarder.IsLinkUp, "both ends to see the link back", timeout.Token);
            await Until(() => source.Statistics.Frames > framesDuringOutage + 5 && source.Servers.Single().State == ServerState.Streaming,
                "frames again, the server streaming", timeout.Token);
            await stopSending.CancelAsync();
            try { await sending; } catch (OperationCanceledException) { }
            var stats = await forwarding;
            await reading;
            output.WriteLine($"forwarder: {stats}");
            output.WriteLine($"source: {source.Statistics}");

            Assert.Equal([false, true], forwarderLinks.Select(e => e.IsUp));
            Assert.True(forwarderLinks.Last().DownFor > TimeSpan.Zero);
            Assert.Equal(1, stats.LinkLost);
            Assert.True(stats.LinkDownFor > TimeSpan.Zero);
            Assert.InRange(stats.DroppedWhileLinkDown, 1, stats.Dropped);

            // The reader: link lost, then the streaming server stale, then the link back, then the server streaming again.
            var told = sourceEvents.Select(e => e switch
            {
                NatsLinkEventArgs link => link.IsUp ? "up" : "down",
                ServerEventArgs change => change.Current.ToString(),
                _ => "?",
            }).ToList();
            output.WriteLine(string.Join(" ", told));
            var down = told.IndexOf("down");
            Assert.True(down > 0, string.Join(" ", told));
            Assert.Equal("Stale", told[down + 1]);
            Assert.Equal("up", told[down + 2]);
            Assert.Equal("Streaming", told[down + 3]);
            Assert.Equal(1, source.Statistics.LinkLost);
        }
        finally
        {
            nats.Dispose();
        }
    }

    private static async Task Until(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            try { await Task.Delay(50, limit.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { throw new TimeoutException($"waited 30 s for {what}"); }
        }
    }
}
