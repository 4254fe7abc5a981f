using System.Globalization;
using System.Text.Json;
using NetGearSharp.Bench;

namespace NetGearSharp.LoadBench;

/// <summary>
/// Runs issue 5's table (and the 256-server row and the bare-transport baselines) for each transport, and prints the
/// results beside VidGear 0.3.5's figures as a Markdown table. Raw rows are read against the bare transport's
/// baseline, JPEG rows against the codec's ceiling on this machine (<see cref="CodecCeiling"/>), both measured in
/// each round. Every row runs in a fresh process (its client's memory and collections are its own). With
/// <c>--repeat N</c> the whole table runs N times in rounds (every row once per round, so a noisy minute hits one run
/// of many rows rather than every run of one) and each cell is the median over the rounds, with the range of
/// frames/s beside it.
/// </summary>
internal static class Suite
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var seconds = 6.0;
        var repeat = 1;
        var transports = new List<TransportKind> { TransportKind.NetMq, TransportKind.Native };
        var only = new HashSet<int>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--repeat":
                    var text = Next();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out repeat) || repeat is < 1 or > 50)
                        throw new ArgumentException($"--repeat '{text}' is not allowed; use a whole number from 1 to 50.");
                    break;
                case "--transports": transports = Next().Split(',').Select(BenchArguments.ParseTransport).ToList(); break;
                case "--rows": only = ParseRows(Next()); break;
                default: throw new ArgumentException($"Unknown suite argument '{args[i]}'. Allowed: --seconds S, --repeat N, --transports netmq,native, --rows 1,2,...");
            }
        }

        var baselines = transports.ToDictionary(t => t, _ => new List<BaselineResult>());
        var ceilings = new List<CodecCeiling>();
        var runs = new Dictionary<(int Row, TransportKind Transport), List<BenchResult>>();
        var errors = new Dictionary<(int Row, TransportKind Transport), string>();
        for (var round = 1; round <= repeat; round++)
        {
            if (repeat > 1) await output.WriteLineAsync($"# round {round} of {repeat}");
            foreach (var t in transports)
                baselines[t].Add(await BenchRunner.RunBaselineAsync(new BenchSettings { Transport = t, Seconds = Math.Min(seconds, 5), Json = true }, output, ct));
            var size = new BenchSettings(); // the rows' frame size
            if (CodecCeiling.Measure(size.Width, size.Height, TimeSpan.FromSeconds(1)) is { } ceiling)
            {
                ceilings.Add(ceiling);
                await output.WriteLineAsync(JsonSerializer.Serialize(new { kind = "codec", ceiling.EncodeMs, ceiling.DecodeMs, ceiling.Cores, ceiling.Fps }));
            }
            for (var r = 0; r < SuiteRow.All.Length; r++)
            {
                if (only.Count > 0 && !only.Contains(r + 1)) continue;
                var row = SuiteRow.All[r];
                foreach (var t in transports)
                {
                    var settings = new BenchSettings
                    {
                        Servers = row.Servers, Pattern = row.Pattern, Jpeg = row.Jpeg, Transport = t, Seconds = seconds,
                        ServersPerProcess = row.PerProcess, Json = true,
                    };
                    try
                    {
                        var result = await FreshProcessRun.RunAsync(settings, ct);
                        await output.WriteLineAsync(JsonSerializer.Serialize(result));
                        if (!runs.TryGetValue((r, t), out var list)) runs[(r, t)] = list = [];
                        list.Add(result);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or NetGearException)
                    {
                        await output.WriteLineAsync($"# {settings.PatternName} {row.Servers} {settings.TransportName}: failed: {ex.Message}");
                        errors[(r, t)] = ex.Message;
                    }
                }
            }
        }

        await output.WriteLineAsync();
        foreach (var (t, list) in baselines)
        {
            var fps = list.Select(b => b.Fps).ToList();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Baseline {BenchSettings.NameOf(t)}: {SuiteSummary.Median(fps):N0} frames/s (one REQ/REP connection, {list[0].FrameBytes:N0}-byte frames{(fps.Count > 1 ? $"; median of {fps.Count}, {fps.Min():N0}-{fps.Max():N0}" : "")})"));
        }
        var jpegCeiling = ceilings.Count > 0 ? SuiteSummary.Median(ceilings.Select(c => c.Fps)) : double.NaN;
        if (ceilings.Count > 0)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"JPEG ceiling: {ceilings[0].Cores} cores / (encode {SuiteSummary.Median(ceilings.Select(c => c.EncodeMs)):0.00} ms + decode {SuiteSummary.Median(ceilings.Select(c => c.DecodeMs)):0.00} ms) = {jpegCeiling:N0} frames/s (the JPEG rows' % of baseline){(ceilings.Count > 1 ? $"; median of {ceilings.Count}, {ceilings.Min(c => c.Fps):N0}-{ceilings.Max(c => c.Fps):N0}" : "")}"));
        if (repeat > 1) await output.WriteLineAsync($"Each cell: the median of {repeat} rounds (frames/s with its range); peak MB and gen2: the highest.");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| pattern | frames | servers | transport | VidGear fps | ours fps | ratio | VidGear p50 / p99 ms | ours p50 / p99 ms | % of baseline | per server min-max | client CPU s | gen2 | peak MB |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (var r = 0; r < SuiteRow.All.Length; r++)
        {
            var row = SuiteRow.All[r];
            foreach (var t in transports)
            {
                if (!runs.TryGetValue((r, t), out var list))
                {
                    if (errors.TryGetValue((r, t), out var error)) await output.WriteLineAsync($"{row.Name}| {BenchSettings.NameOf(t)} | failed: {error} |");
                    continue;
                }
                var s = SuiteSummary.Of(list);
                var baseline = SuiteSummary.Median(baselines[t].Select(b => b.Fps));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Name}| {BenchSettings.NameOf(t)} | {F(row.VidGearFps, "N0")} | {s.FpsText} | {(double.IsNaN(row.VidGearFps) ? "-" : (s.Fps / row.VidGearFps).ToString("0.00", CultureInfo.InvariantCulture) + "x")} | " +
                    $"{F(row.VidGearP50, "0.#")} / {F(row.VidGearP99, "0.#")} | {s.P50:0.##} / {s.P99:0.##} | {Percent(s.Fps, row.Jpeg ? jpegCeiling : baseline)} | " +
                    $"{s.PerServerMin}-{s.PerServerMax} | {s.CpuSeconds:0.0} | {s.Gen2Max} | {s.PeakMBMax:0} |"));
                if (errors.TryGetValue((r, t), out var failed)) await output.WriteLineAsync($"{row.Name}| {BenchSettings.NameOf(t)} | one round failed: {failed} |");
            }
        }
        return 0;
    }

    private static HashSet<int> ParseRows(string text)
    {
        var rows = new HashSet<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1 || row > SuiteRow.All.Length)
                throw new ArgumentException($"--rows '{text}': '{part}' is not a row; use numbers from 1 to {SuiteRow.All.Length}, e.g. 1,4 (8 is the 256-server row).");
            rows.Add(row);
        }
        return rows;
    }

    private static string Percent(double fps, double of) => double.IsNaN(of) ? "-" : (100 * fps / of).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string F(double v, string format) => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);
}
