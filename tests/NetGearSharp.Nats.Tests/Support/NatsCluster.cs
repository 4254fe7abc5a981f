using NATS.Client.Core;

namespace NetGearSharp.Nats.Tests.Support;

/// <summary>A real three-node NATS cluster on free loopback ports (full mesh of routes), killed on dispose.</summary>
public sealed class NatsCluster : IDisposable
{
    private NatsCluster(NatsServerProcess[] nodes) => Nodes = nodes;

    public IReadOnlyList<NatsServerProcess> Nodes { get; }

    public static async Task<NatsCluster> StartAsync(int size = 3)
    {
        var routePorts = FreePorts.Take(size);
        var nodes = new List<NatsServerProcess>();
        try
        {
            for (var i = 0; i < size; i++)
            {
                nodes.Add(await NatsServerProcess.StartAsync(clusterPort: routePorts[i], routes: routePorts.Where((_, j) => j != i).ToArray()));
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
