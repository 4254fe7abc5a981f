using System.Globalization;
using NetGearSharp.Bench;

namespace NetGearSharp.LoadBench;

/// <summary>
/// Runs issue 5's table (and the 256-server row and the bare-transport baselines) for each transport in one go, and
/// prints the results beside VidGear 0.3.5's figures as a Markdown table.
/// </summary>
internal static class Suite
{
    private sealed record Row(NetGearSharp.NetGearPattern Pattern, bool Jpeg, int Servers, double VidGearFps, double VidGearP50, double VidGearP99, int PerProcess = 1);

    private static readonly Row[] Rows =
    [
        new(NetGearSharp.NetGearPattern.ReqRep, false, 2, 1661, 0.6, 6.8),
        new(NetGearSharp.NetGearPattern.ReqRep, false, 8, 1277, 3.1, 13.4),
        new(NetGearSharp.NetGearPattern.ReqRep, false, 32, 1372, 10.3, 49.4),
        new(NetGearSharp.NetGearPattern.PubSub, false, 2, 771, 9.1, 61),
        new(NetGearSharp.NetGearPattern.ReqRep, true, 2, 381, 7.3, 16.6),
        new(NetGearSharp.NetGearPattern.ReqRep, true, 8, 301, 23.9, 75.9),
        new(NetGearSharp.NetGearPattern.PubSub, true, 2, 294, 342, 568),
        new(NetGearSharp.NetGearPattern.ReqRep, false, 256, double.NaN, double.NaN, double.NaN, PerProcess: 32),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var seconds = 6.0;
        var transports = new List<NetGearSharp.TransportKind> { NetGearSharp.TransportKind.NetMq, NetGearSharp.TransportKind.Native };
        var only = new HashSet<int>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--transports": transports = args[++i].Split(',').Select(BenchArguments.ParseTransport).ToList(); break;
                case "--rows": only = args[++i].Split(',').Select(int.Parse).ToHashSet(); break;
                default: throw new ArgumentException($"Unknown suite argument '{args[i]}'. Allowed: --seconds S, --transports netmq,native, --rows 1,2,...");
            }
        }

        var baselines = new Dictionary<NetGearSharp.TransportKind, BaselineResult>();
        foreach (var t in transports)
            baselines[t] = await BenchRunner.RunBaselineAsync(new BenchSettings { Transport = t, Seconds = Math.Min(seconds, 5), Json = true }, output, ct);

        var results = new List<(Row Row, BenchResult? Result, string? Error)>();
        for (var r = 0; r < Rows.Length; r++)
        {
            if (only.Count > 0 && !only.Contains(r + 1)) continue;
            var row = Rows[r];
            foreach (var t in transports)
            {
                var settings = new BenchSettings
                {
                    Servers = row.Servers, Pattern = row.Pattern, Jpeg = row.Jpeg, Transport = t, Seconds = seconds,
                    ServersPerProcess = row.PerProcess, Json = true,
                };
                try
                {
                    results.Add((row, await BenchRunner.RunAsync(settings, output, ct), null));
                }
                catch (Exception ex) when (ex is InvalidOperationException or NetGearSharp.NetGearException)
                {
                    await output.WriteLineAsync($"# {settings.PatternName} {row.Servers} {settings.TransportName}: failed: {ex.Message}");
                    results.Add((row, null, ex.Message));
                }
            }
        }

        await output.WriteLineAsync();
        foreach (var (t, b) in baselines)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Baseline {b.Transport}: {b.Fps:N0} frames/s (one REQ/REP connection, {b.FrameBytes} bytes)"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| pattern | frames | servers | transport | VidGear fps | ours fps | ratio | VidGear p50 / p99 ms | ours p50 / p99 ms | % of baseline | per server min-max | client CPU s | gen2 | peak MB |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (row, result, error) in results)
        {
            var name = $"| {(row.Pattern == NetGearSharp.NetGearPattern.PubSub ? "Publish/Subscribe" : "Request/Reply")} | {(row.Jpeg ? "JPEG q90" : "raw")} | {row.Servers}{(row.PerProcess > 1 ? $" ({row.PerProcess}/process)" : "")} ";
            if (result is null)
            {
                await output.WriteLineAsync($"{name}| ? | failed: {error} |");
                continue;
            }
            var baseline = baselines[result.Transport == "native" ? NetGearSharp.TransportKind.Native : NetGearSharp.TransportKind.NetMq];
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name}| {result.Transport} | {F(row.VidGearFps, "N0")} | {result.Fps:N0} | {(double.IsNaN(row.VidGearFps) ? "-" : (result.Fps / row.VidGearFps).ToString("0.00", CultureInfo.InvariantCulture) + "x")} | " +
                $"{F(row.VidGearP50, "0.#")} / {F(row.VidGearP99, "0.#")} | {result.LatencyP50Ms:0.##} / {result.LatencyP99Ms:0.##} | {(row.Jpeg ? "-" : (100 * result.Fps / baseline.Fps).ToString("0", CultureInfo.InvariantCulture) + "%")} | " +
                $"{result.PerServerMin}-{result.PerServerMax} | {result.ClientCpuSeconds:0.0} | {result.Gen2Collections} | {result.PeakWorkingSetMB:0} |"));
        }
        return 0;
    }

    private static string F(double v, string format) => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);
}
