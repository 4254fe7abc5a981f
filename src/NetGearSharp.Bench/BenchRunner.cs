using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NetGearSharp.Bench;

/// <summary>
/// Runs the end-to-end load benchmark: servers in child processes (<see cref="BenchSettings.ServersPerProcess"/> per
/// process), one client in this process consuming every frame, measured after a warm-up.
/// </summary>
internal static class BenchRunner
{
    private static readonly JsonSerializerOptions JsonLine = new() { WriteIndented = false };

    /// <summary>Runs one benchmark and writes its result to <paramref name="output"/> (text, or one JSON object with <see cref="BenchSettings.Json"/>).</summary>
    /// <param name="settings">What to measure.</param>
    /// <param name="output">Where the result goes.</param>
    /// <param name="cancellationToken">Ends the run early (no result).</param>
    /// <param name="progress">Told each phase as it starts (starting, waiting for the first frames, warming up, measuring, stopping); null: nothing.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    /// <exception cref="InvalidOperationException">A server process failed or servers never delivered a frame.</exception>
    public static async Task<BenchResult> RunAsync(BenchSettings settings, TextWriter output, CancellationToken cancellationToken, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        settings.Validate();
        var image = settings.ImagePath ?? RepoPaths.FindMedia("fruits.jpg");
        var ports = FreePorts.Take(settings.Servers);
        var command = settings.Child ?? ChildCommand.ForCurrentProcess("bench-server");
        using var keys = BenchKeys.For(settings.SecureMode);

        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = settings.ClientAddress,
            Ports = ports,
            Pattern = settings.Pattern,
            Transport = settings.Transport,
            CustomTransport = ToolEnvironment.TransportFor(settings.Transport),
            AutoExit = false,
            SecureMode = settings.SecureMode,
            KeysDirectory = keys.Directory,
            MaxBytesInFlight = settings.MaxInFlightMB is { } mb ? (long)(mb * 1024 * 1024) : new NetGearClientOptions().MaxBytesInFlight,
        });
        using var consumer = new BenchConsumer(client, ports);
        await using var children = new ChildProcessGroup();
        var processes = (ports.Length + settings.ServersPerProcess - 1) / settings.ServersPerProcess;
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"starting {ports.Length} server(s) in {processes} child process(es): {settings.PatternName}, {(settings.Jpeg ? "jpeg" : "raw")} {settings.Width}x{settings.Height}, {settings.TransportName}; picture: {(image is null ? "a generated pattern" : Path.GetFileName(image))}"));
        for (var i = 0; i < ports.Length; i += settings.ServersPerProcess)
        {
            var chunk = ports.Skip(i).Take(settings.ServersPerProcess);
            children.Start(command, BenchServerArgs.From(settings, chunk, image, keys.Directory, firstIndex: i).ToArguments());
        }

        // Wait until every server has delivered, then warm up.
        var firstFrameTimeout = TimeSpan.FromSeconds(30 + 0.25 * settings.Servers);
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"waiting for every server's first frame (at most {firstFrameTimeout.TotalSeconds:0} s)"));
        var waited = Stopwatch.StartNew();
        while (consumer.ServersSeen < ports.Length)
        {
            children.ThrowIfAnyExited();
            if (waited.Elapsed > firstFrameTimeout)
                throw new InvalidOperationException($"Only {consumer.ServersSeen} of {ports.Length} servers delivered a frame within {firstFrameTimeout.TotalSeconds:0} s.");
            await Task.Delay(50, cancellationToken);
        }
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"every server delivered; warming up for {settings.WarmupSeconds:0.##} s"));
        await Task.Delay(TimeSpan.FromSeconds(settings.WarmupSeconds), cancellationToken);
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"measuring for {settings.Seconds:0.##} s"));

        var bytesBefore = client.Servers.Sum(x => x.Bytes);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var gen2Before = GC.CollectionCount(2);
        consumer.StartMeasuring();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(settings.Seconds), cancellationToken);
        consumer.StopMeasuring();
        var elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var peak = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        var bytes = client.Servers.Sum(x => x.Bytes) - bytesBefore;
        children.ThrowIfAnyExited();

        var counts = consumer.Counts;
        var result = new BenchResult
        {
            Servers = settings.Servers,
            Pattern = settings.PatternName,
            Jpeg = settings.Jpeg,
            Transport = settings.TransportName,
            Frames = consumer.Frames,
            Fps = Math.Round(consumer.Frames / elapsed, 1),
            MbPerSec = Math.Round(bytes / elapsed / 1e6, 1),
            LatencyP50Ms = Math.Round(consumer.Latencies.Percentile(50), 2),
            LatencyP99Ms = Math.Round(consumer.Latencies.Percentile(99), 2),
            Dropped = consumer.Dropped,
            PerServerMin = counts.Min(),
            PerServerMax = counts.Max(),
            ClientCpuSeconds = Math.Round(cpu, 2),
            Gen2Collections = gen2,
            PeakWorkingSetMB = Math.Round(peak, 1),
            Secure = settings.SecureMode == SecureMode.Grasslands ? null : settings.SecureMode.ToString().ToLowerInvariant(),
        };
        progress?.Invoke("measured; stopping the servers");
        await children.StopAsync(TimeSpan.FromSeconds(5));
        await output.WriteLineAsync(settings.Json ? JsonSerializer.Serialize(result, JsonLine) : Describe(result));
        return result;
    }

    /// <summary>Measures the bare transport ceiling for the benchmark's frame size and writes it (text or JSON).</summary>
    /// <param name="settings">What to measure.</param>
    /// <param name="output">Where the result goes.</param>
    /// <param name="cancellationToken">Ends the run early (no result).</param>
    /// <param name="progress">Told when the measurement starts; null: nothing.</param>
    public static async Task<BaselineResult> RunBaselineAsync(BenchSettings settings, TextWriter output, CancellationToken cancellationToken, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        settings.Validate();
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"measuring one bare REQ/REP connection moving {settings.Width}x{settings.Height}x3 bytes for {settings.Seconds:0.##} s ({settings.TransportName})"));
        var result = await TransportBaseline.RunAsync(settings.Transport, settings.Width * settings.Height * 3,
            TimeSpan.FromSeconds(settings.Seconds), cancellationToken);
        await output.WriteLineAsync(settings.Json
            ? JsonSerializer.Serialize(result, JsonLine)
            : string.Create(CultureInfo.InvariantCulture, $"baseline {result.Transport}: one REQ/REP connection, {result.FrameBytes} bytes: {result.Fps:N0} frames/s, {result.MbPerSec:N0} MB/s"));
        return result;
    }

    /// <summary>One line of text for a result.</summary>
    public static string Describe(BenchResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Pattern} {(r.Jpeg ? "jpeg" : "raw")} {r.Servers} servers {r.Transport}{(r.Secure is null ? "" : " " + r.Secure)}: {r.Fps:N0} frames/s ({r.Frames} frames, {r.MbPerSec:N0} MB/s), " +
        $"latency p50 {r.LatencyP50Ms:0.##} ms p99 {r.LatencyP99Ms:0.##} ms, dropped {r.Dropped}, per server {r.PerServerMin}-{r.PerServerMax}, " +
        $"client CPU {r.ClientCpuSeconds:0.##} s, gen2 {r.Gen2Collections}, peak {r.PeakWorkingSetMB:0} MB");
}
