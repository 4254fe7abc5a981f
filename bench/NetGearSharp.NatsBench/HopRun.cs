using System.Diagnostics;
using NetGearSharp.Nats;

namespace NetGearSharp.NatsBench;

/// <summary>
/// One run: N in-process NetGear servers (VGA, paced) → one client → <see cref="NatsForwarder"/> → nats-server →
/// one <see cref="NatsPacketSource"/> worker. Measures what arrives at the worker after a one-second warm-up.
/// </summary>
internal static class HopRun
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public static async Task<HopResult> RunAsync(HopOptions options, CancellationToken cancellationToken)
    {
        using var nats = options.NatsUrl is null ? await NatsServerHost.StartAsync() : null;
        var url = options.NatsUrl ?? nats!.Url;
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var ports = Enumerable.Range(0, options.Servers).Select(_ => NatsServerHost.FreePort()).Distinct().ToArray();

        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [url], Prefix = prefix, BufferCapacity = 4096 }, cancellationToken);
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, WaitForAllServers = true });
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [url], Prefix = prefix, BufferCapacity = options.Buffer,
            Compression = options.Jpeg ? NatsHopCompression.Jpeg : NatsHopCompression.None,
            ExpectedFrameBytes = 640 * 480 * 3,
        }, cancellationToken);

        var measuring = new MeasureWindow();
        var latencies = new List<double>(100_000);
        long workerFrames = 0;
        var reading = Task.Run(async () =>
        {
            await foreach (var packet in worker.ReadAllAsync(cancellationToken))
            {
                using (packet)
                {
                    if (!measuring.Open) continue;
                    latencies.Add((DateTimeOffset.UtcNow - packet.ReceivedAt).TotalMilliseconds);
                    workerFrames++;
                }
            }
        }, cancellationToken);
        var forwarding = forwarder.ForwardAsync(client, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = CameraFleet.RunAsync(ports, options.Fps, stop.Token);
        await Task.Delay(WarmUp, cancellationToken);
        var postedAtStart = forwarder.Statistics.Posted;
        var clock = Stopwatch.StartNew();
        measuring.Open = true;
        await Task.Delay(options.Duration, cancellationToken);
        measuring.Open = false;
        var elapsed = clock.Elapsed.TotalSeconds;
        var postedAtEnd = forwarder.Statistics.Posted;
        stop.Cancel();
        await sending;
        var stats = await forwarding;
        await reading;

        latencies.Sort();
        return new HopResult
        {
            Name = options.Name,
            ViewerFramesPerSecond = (postedAtEnd - postedAtStart) / elapsed,
            WorkerFramesPerSecond = workerFrames / elapsed,
            Forwarded = stats.Published,
            Dropped = stats.Dropped,
            WorkerFrames = workerFrames,
            LatencyP50Ms = Percentile(latencies, 0.50),
            LatencyP99Ms = Percentile(latencies, 0.99),
        };
    }

    private static double Percentile(List<double> sorted, double p)
        => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * sorted.Count))];

    private sealed class MeasureWindow
    {
        public volatile bool Open;
    }
}
