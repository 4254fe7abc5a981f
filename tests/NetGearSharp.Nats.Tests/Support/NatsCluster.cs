using NATS.Client.Core;

namespace NetGearSharp.Nats.Tests.Support;

/// <summary>A real three-node NATS cluster on free loopback ports (full mesh of routes), killed on dispose.</summary>
public sealed class NatsCluster : IDisposable
{
    private NatsCluster(NatsServerProcess[] nodes) => Nodes = nodes;

    public IReadOnlyList<NatsServerProcess> Nodes { get; }

    /// <summary>Starts the nodes; with <paramref name="jetStream"/> each has JetStream with its own store (a JetStream cluster).</summary>
    public static async Task<NatsCluster> StartAsync(int size = 3, bool jetStream = false)
    {
        var routePorts = FreePorts.Take(size);
        var nodes = new List<NatsServerProcess>();
        try
        {
            for (var i = 0; i < size; i++)
            {
                nodes.Add(await NatsServerProcess.StartAsync(jetStream: jetStream, clusterPort: routePorts[i], routes: routePorts.Where((_, j) => j != i).ToArray()));
            }
            var cluster = new NatsCluster(nodes.ToArray());
            await cluster.WaitForRoutesAsync();
            return cluster;
        }
        catch
        {
            foreach (var n in nodes) n.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until JetStream is ready on the whole cluster (a meta leader is elected): creating a stream with one
    /// replica per node through each node works. The probe streams are deleted.
    /// </summary>
    public async Task WaitForJetStreamAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        foreach (var node in Nodes)
        {
            await using var connection = new NatsConnection(NatsOpts.Default with { Url = node.Url });
            var js = new NATS.Client.JetStream.NatsJSContext(connection);
            var name = "PROBE_" + Guid.NewGuid().ToString("N");
            while (true)
            {
                try
                {
                    await js.CreateStreamAsync(new NATS.Client.JetStream.Models.StreamConfig(name, [name.ToLowerInvariant() + ".>"])
                    {
                        NumReplicas = Nodes.Count, Storage = NATS.Client.JetStream.Models.StreamConfigStorage.Memory,
                    }, cts.Token);
                    await js.DeleteStreamAsync(name, cts.Token);
                    break;
                }
                catch (Exception ex) when (ex is NatsException or TimeoutException && !cts.IsCancellationRequested)
                {
                    await Task.Delay(250, cts.Token);
                }
            }
        }
    }

    /// <summary>The node whose server name is <paramref name="serverName"/> (nats-server -n).</summary>
    public NatsServerProcess NodeNamed(string serverName) => Nodes.Single(n => n.ServerName == serverName);

    /// <summary>Waits until a message published on each node reaches a subscriber on every other node.</summary>
    public async Task WaitForRoutesAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var from in Nodes)
        {
            foreach (var to in Nodes)
            {
                if (from == to) continue;
                await ProbeAsync(from.Url, to.Url, timeout.Token);
            }
        }
    }

    /// <summary>Publishes on <paramref name="fromUrl"/> until a subscriber on <paramref name="toUrl"/> receives it.</summary>
    public static async Task ProbeAsync(string fromUrl, string toUrl, CancellationToken cancellationToken)
    {
        await using var publisher = new NatsConnection(NatsOpts.Default with { Url = fromUrl });
        await using var subscriber = new NatsConnection(NatsOpts.Default with { Url = toUrl });
        var subject = "probe." + Guid.NewGuid().ToString("N");
        await using var sub = await subscriber.SubscribeCoreAsync<string>(subject, cancellationToken: cancellationToken);
        await subscriber.PingAsync(cancellationToken);
        while (true)
        {
            await publisher.PublishAsync(subject, "ping", cancellationToken: cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromMilliseconds(200));
            try
            {
                await sub.Msgs.ReadAsync(wait.Token);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    public void Dispose()
    {
        foreach (var n in Nodes) n.Dispose();
    }
}
