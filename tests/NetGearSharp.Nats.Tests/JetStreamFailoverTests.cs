using System.Collections.Concurrent;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NetGearSharp.Nats.Tests.Support;
using Xunit.Abstractions;

namespace NetGearSharp.Nats.Tests;

/// <summary>
/// JetStream with three replicas on a real three-node cluster: the node that leads the stream (and that the forwarder is
/// connected to) is killed mid-stream; forwarding goes on, and a worker replaying the stream afterwards gets every
/// frame the stream acknowledged.
/// </summary>
public sealed class JetStreamFailoverTests(ITestOutputHelper output)
{
    [Fact(Timeout = 300_000)]
    public async Task ReplicatedStreamKeepsEveryAcknowledgedFrameWhenItsLeaderDies()
    {
        const int Frames = 200;
        var interval = TimeSpan.FromMilliseconds(25);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(270));
        var ports = FreePorts.Take(2);
        var prefix = "jsfail" + Guid.NewGuid().ToString("N")[..8];
        var (cluster, stream, leader, options) = await StartReplicatedAsync(prefix, timeout.Token);
        using var _ = cluster;
        var survivor = cluster.Nodes.First(n => n != leader);

        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(options, timeout.Token);
        var acknowledged = new ConcurrentBag<(int Port, long Sequence)>();
        forwarder.FrameAcknowledged = (port, sequence) => acknowledged.Add((port, sequence));
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        var sending = Cameras.RunAsync(ports, Frames, interval, timeout.Token);

        while (forwarder.Statistics.Published < 2 * Frames / 3 && !sending.IsCompleted) await Task.Delay(20, timeout.Token);
        var publishedBeforeKill = forwarder.Statistics.Published;
        leader.Kill();
        output.WriteLine($"killed the stream leader {leader.ServerName} after {publishedBeforeKill} frames");

        await sending;
        var stats = await forwarding;
        output.WriteLine($"forwarder: published {stats.Published}, failed {stats.Failed}, dropped {stats.Dropped}, retries {stats.PublishRetries}, states {stats.States}");
        // Forwarding went on after the kill.
        Assert.True(stats.Published > publishedBeforeKill, $"published {stats.Published}, {publishedBeforeKill} before the kill");

        // Later, a worker replays the stream from its start through a surviving node, and ends on the recorded goodbyes.
        await using var replay = await NatsPacketSource.ConnectAsync(new NatsSourceOptions
        {
            Urls = [survivor.Url], Prefix = prefix, JetStream = new NatsSourceJetStreamOptions { FromBeginning = true },
        }, timeout.Token);
        var stamps = await Cameras.CollectAsync(replay, timeout.Token);
        Assert.Equal(NatsSourceEndReason.AllServersGone, await replay.Completion);
        var replayed = stamps.Select(s => (s.Port, (long)s.N + 1)).ToHashSet();
        Assert.Equal(stamps.Count, replayed.Count); // stored once each, even when sent again

        // Every acknowledged frame is in the stream.
        Assert.Equal(stats.Published, acknowledged.Count);
        var missing = acknowledged.Where(a => !replayed.Contains(a)).OrderBy(a => a).ToList();
        output.WriteLine($"stream on the survivor: {await MessagesAsync(survivor.Url, stream, timeout.Token)} messages; replayed {stamps.Count}; replay stats {replay.Statistics}");
        output.WriteLine($"missing: {string.Join(" ", missing.Select(m => $"{m.Port}:{m.Sequence}"))}");
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged frames are not in the stream, e.g. {string.Join(", ", missing.Take(5))}");

        // Every frame lost is counted by the forwarder and seen as a gap by the replay; with three replicas and a retry
        // window longer than the leader election, none is lost (docs/scale-out.md, JetStream failover).
        var lost = 2 * Frames - stamps.Count;
        output.WriteLine($"replayed {stamps.Count} of {2 * Frames}, lost {lost}, gaps {replay.Statistics.Gaps}");
        Assert.InRange(lost, 0, stats.Failed + stats.Dropped);
        Assert.Equal(lost, replay.Statistics.Gaps);
        Assert.Equal(0, stats.Failed + stats.Dropped);
        Assert.All(replay.Servers, s => Assert.Equal(ServerState.Terminated, s.State));
    }

    [Fact(Timeout = 300_000)]
    public async Task QueueWorkersReadingLiveGoOnWhenTheStreamsLeaderDies()
    {
        const int Frames = 200;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(270));
        var ports = FreePorts.Take(2);
        var prefix = "jsliv" + Guid.NewGuid().ToString("N")[..8];
        var (cluster, _, leader, options) = await StartReplicatedAsync(prefix, timeout.Token);
        using var __ = cluster;
        var survivors = cluster.Nodes.Where(n => n != leader).ToList();

        // Two workers of one group, each on a surviving node, share the stream's durable consumer live.
        var workers = new List<NatsPacketSource>();
        try
        {
            foreach (var node in survivors)
            {
                workers.Add(await NatsPacketSource.ConnectAsync(new NatsSourceOptions
                {
                    Urls = [node.Url], Prefix = prefix, QueueGroup = "detect", EndGrace = TimeSpan.FromSeconds(3),
                    JetStream = new NatsSourceJetStreamOptions { FromBeginning = true },
                }, timeout.Token));
            }
            var received = new ConcurrentBag<(int Port, long Sequence)>();
            var reading = workers.Select(w => Task.Run(async () =>
            {
                await foreach (var packet in w.ReadAllAsync(timeout.Token))
                {
                    using (packet) received.Add((packet.Port, packet.Sequence));
                }
            })).ToArray();

            await using var client = Cameras.Client(ports);
            await using var forwarder = await NatsForwarder.ConnectAsync(options, timeout.Token);
            var acknowledged = new ConcurrentBag<(int Port, long Sequence)>();
            forwarder.FrameAcknowledged = (port, sequence) => acknowledged.Add((port, sequence));
            var forwarding = forwarder.ForwardAsync(client, timeout.Token);
            var sending = Cameras.RunAsync(ports, Frames, TimeSpan.FromMilliseconds(25), timeout.Token);
            while (received.Count < 2 * Frames / 3 && !sending.IsCompleted) await Task.Delay(20, timeout.Token);
            var receivedBeforeKill = received.Count;
            leader.Kill();
            await sending;
            var stats = await forwarding;
            await Task.WhenAll(reading);
            output.WriteLine($"forwarder: published {stats.Published}, failed {stats.Failed}, retries {stats.PublishRetries}; workers received {received.Count} ({receivedBeforeKill} before the kill), {received.Distinct().Count()} distinct");

            // The workers went on after the kill, ended by themselves, and between them got every acknowledged frame
            // (at least once: a frame whose acknowledgement to the consumer was lost with the node comes again).
            Assert.True(received.Count > receivedBeforeKill);
            Assert.All(workers, w => Assert.Equal(NatsSourceEndReason.AllServersGone, w.Completion.Result));
            var distinct = received.ToHashSet();
            var missing = acknowledged.Where(a => !distinct.Contains(a)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged frames reached no worker, e.g. {string.Join(", ", missing.Take(5))}");
        }
        finally
        {
            foreach (var w in workers) await w.DisposeAsync();
        }
    }

    /// <summary>
    /// A three-node JetStream cluster and a three-replica stream for <paramref name="prefix"/>, made first to learn its
    /// leader; the returned forwarder options list the leader's node first (and do not randomise), so killing the
    /// leader also takes the forwarder's connection.
    /// </summary>
    private static async Task<(NatsCluster Cluster, string Stream, NatsServerProcess Leader, NatsForwarderOptions Options)> StartReplicatedAsync(
        string prefix, CancellationToken cancellationToken)
    {
        var cluster = await NatsCluster.StartAsync(jetStream: true);
        try
        {
            await cluster.WaitForJetStreamAsync(TimeSpan.FromSeconds(120));
            var options = new NatsForwarderOptions
            {
                Urls = cluster.Nodes.Select(n => n.Url).ToList(), Prefix = prefix, BufferCapacity = 4000, FlushTimeout = TimeSpan.FromSeconds(90),
                ConfigureNats = o => o with { NoRandomize = true },
                JetStream = new NatsJetStreamOptions
                {
                    Replicas = 3, MaxAge = TimeSpan.FromMinutes(10), MaxBytes = 64L << 20, PublishRetryFor = TimeSpan.FromSeconds(30),
                },
            };
            string stream;
            await using (var setup = await NatsForwarder.ConnectAsync(options, cancellationToken)) stream = setup.StreamName!;
            var leader = cluster.NodeNamed(await LeaderAsync(cluster.Nodes[0].Url, stream, cancellationToken));
            return (cluster, stream, leader, options with { Urls = cluster.Nodes.OrderBy(n => n == leader ? 0 : 1).Select(n => n.Url).ToList() });
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    private static async Task<string> MessagesAsync(string url, string stream, CancellationToken cancellationToken)
    {
        await using var connection = new NatsConnection(NatsOpts.Default with { Url = url });
        var js = new NatsJSContext(connection);
        var info = await js.GetStreamAsync(stream, cancellationToken: cancellationToken);
        return $"{info.Info.State.Messages} (replicas {info.Info.Config.NumReplicas}, leader {info.Info.Cluster?.Leader})";
    }

    private static async Task<string> LeaderAsync(string url, string stream, CancellationToken cancellationToken)
    {
        await using var connection = new NatsConnection(NatsOpts.Default with { Url = url });
        var js = new NatsJSContext(connection);
        while (true)
        {
            var info = await js.GetStreamAsync(stream, cancellationToken: cancellationToken);
            if (info.Info.Cluster?.Leader is { Length: > 0 } leader) return leader;
            await Task.Delay(100, cancellationToken);
        }
    }
}
