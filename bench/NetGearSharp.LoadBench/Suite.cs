using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetGearSharp.Bench;

namespace NetGearSharp.LoadBench;

/// <summary>
/// The side-by-side suite: for every row (<see cref="SuiteRow.All"/>), VidGear 0.3.5's side
/// (<c>bench/vidgear_window_bench.py</c>: VidGear's own bench's workload, with libjpeg-turbo's TurboJPEG for its
/// simplejpeg, measured over the same window as ours) and ours on each transport, in the same run, one right after the
/// other (VidGear first on odd rounds, ours first on even ones), and every ratio against that live VidGear figure. Raw
/// rows are also read against the bare transport's baseline, JPEG rows against the codec's ceiling on this machine
/// (<see cref="CodecCeiling"/>), both measured in each round. Each of our rows runs in a fresh process, with the
/// tool's process-wide tuning unless <c>--process-tuning off</c> (or <c>both</c>). With <c>--repeat N</c> the whole
/// table runs N times in rounds and each cell is the median over the rounds, with the range of frames/s beside it. The
/// flat-out Request/Reply raw rows also run the kernel's ceiling after both (<see cref="KernelCeiling"/>: the same
/// frames over loopback TCP with no messaging stack), where a C compiler is installed. Progress goes to the output as
/// <c>#</c> lines while it runs.
/// </summary>
internal static class Suite
{
    private const string Usage =
        "Allowed: --seconds S, --repeat N, --transports default,netmq,native, --rows 1,2,..., --process-tuning on|off|both, --vidgear DIR (VidGear's peer folder), --no-vidgear, --no-ceiling";

    private const string OrderRule = "VidGear then ours on odd rounds, ours then VidGear on even rounds; the kernel ceiling after both";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        var seconds = 6.0;
        var repeat = 1;
        var transports = new List<SuiteTransport> { SuiteTransport.Default };
        bool[] tunings = [true];
        var only = new HashSet<int>();
        string? vidgearFolder = null;
        var withVidGear = true;
        var withCeiling = true;
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
                case "--transports": transports = Next().Split(',').Select(SuiteTransport.Parse).DistinctBy(t => t.Name).ToList(); break;
                case "--rows": only = ParseRows(Next()); break;
                case "--process-tuning": tunings = ParseTuning(Next()); break;
                case "--vidgear": vidgearFolder = Next(); break;
                case "--no-vidgear": withVidGear = false; break;
                case "--no-ceiling": withCeiling = false; break;
                default: throw new ArgumentException($"Unknown suite argument '{args[i]}'. {Usage}");
            }
        }
        VidGearBench? vidgear = null;
        if (withVidGear)
        {
            vidgear = VidGearBench.Find(vidgearFolder)
                ?? throw new ArgumentException($"VidGear's peer folder was not found ({vidgearFolder ?? "../shared/peers/vidgear from the repository root"}, with bench/vidgear_window_bench.py and bench/vidgear-simplejpeg/run.py in the repository); give --vidgear DIR, or --no-vidgear for ours only.");
        }

        var rows = Enumerable.Range(0, SuiteRow.All.Length).Where(r => only.Count == 0 || only.Contains(r + 1)).ToList();
        var variants = transports.SelectMany(t => tunings.Select(tuned => new OursVariant(t, tuned))).ToList();
        var warmup = new BenchSettings().WarmupSeconds;
        var baselines = transports.ToDictionary(t => t.Name, _ => new List<BaselineResult>());
        var ceilings = new List<CodecCeiling>();
        var runs = new Dictionary<(int Row, string Variant), List<BenchResult>>();
        var errors = new Dictionary<(int Row, string Variant), string>();
        var vidgearRuns = new Dictionary<int, List<VidGearResult>>();
        var vidgearErrors = new Dictionary<int, string>();
        var vidgearCpu = new Dictionary<int, List<CpuDelta>>();
        var kernelRuns = new Dictionary<int, List<double>>();
        var oursCpu = new Dictionary<(int Row, string Variant), List<CpuDelta>>();
        var simpleJpeg = new HashSet<string>();
        var suiteCpu = HostCpu.Now();
        var clock = Stopwatch.StartNew();
        var notes = new List<string>
        {
            $"Order: {OrderRule}.",
            string.Create(CultureInfo.InvariantCulture,
                $"Window, both sides: from every server's first frame + {warmup:0.#} s of warm-up, for {seconds:0.#} s; latency = arrival - the message's t; p50/p99 by nearest rank. VidGear: bench/vidgear_window_bench.py (VidGear's bench's workload and calls; its own rule, first frame to last, in the last column)."),
            "Paced rows, both sides: server i sends at offset_i + k/rate (Unix time), offset_i a fixed phase from a seed and i (PacedSchedule).",
            $"Process tuning of ours: {TuningText(tunings)}",
        };
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"# suite: {rows.Count} rows x {repeat} round(s), {seconds:0.#} s each; ours on {string.Join(", ", variants.Select(v => v.Label))}; VidGear: {vidgear?.PeerFolder ?? "off"}"));
        foreach (var note in notes) await output.WriteLineAsync("# " + note);
        KernelCeiling? kernel = null;
        if (withCeiling && rows.Any(r => HasCeiling(SuiteRow.All[r])))
        {
            (kernel, var why) = await KernelCeiling.BuildAsync(ct);
            await output.WriteLineAsync(kernel is null ? $"# kernel ceiling: off ({why})" : "# kernel ceiling: compiled (bench/kernel-ceiling/rr_ceiling.c)");
        }
        using var kernelOwner = kernel;
        for (var round = 1; round <= repeat; round++)
        {
            var vidgearFirst = round % 2 == 1;
            if (repeat > 1) await output.WriteLineAsync($"# round {round} of {repeat} ({(vidgearFirst ? "VidGear first" : "ours first")})");
            foreach (var t in transports)
            {
                await output.WriteLineAsync($"# baseline {t.Name} ...");
                baselines[t.Name].Add(await BenchRunner.RunBaselineAsync(t.Apply(new BenchSettings { Seconds = Math.Min(seconds, 5), Json = true }), output, ct));
            }
            var size = new BenchSettings(); // the rows' frame size
            if (CodecCeiling.Measure(size.Width, size.Height, TimeSpan.FromSeconds(1)) is { } ceiling)
            {
                ceilings.Add(ceiling);
                await output.WriteLineAsync(JsonSerializer.Serialize(new { kind = "codec", ceiling.EncodeMs, ceiling.DecodeMs, ceiling.Cores, ceiling.Fps }));
            }
            for (var k = 0; k < rows.Count; k++)
            {
                var r = rows[k];
                var row = SuiteRow.All[r];
                var step = $"[{k + 1}/{rows.Count}{(repeat > 1 ? $", round {round}" : "")}, {clock.Elapsed.TotalMinutes:0.0} min]";
                VidGearResult? theirs = null;
                var ours = new List<(OursVariant Variant, BenchResult Result)>();

                async Task RunVidGearAsync()
                {
                    if (vidgear is null || !row.WithVidGear) return;
                    await output.WriteLineAsync($"# {step} {row.Title}: VidGear ...");
                    try
                    {
                        var cpuStart = HostCpu.Now();
                        theirs = await vidgear.RunAsync(row.Pattern, row.Servers, seconds, warmup, row.Jpeg, row.RatePerServer, ct);
                        var cpu = HostCpu.Since(cpuStart);
                        if (cpu is { } vc) Add(vidgearCpu, r, vc);
                        if (row.Jpeg && theirs.SimpleJpeg is { } file) simpleJpeg.Add(file);
                        await output.WriteLineAsync(JsonSerializer.Serialize(new
                        {
                            kind = "vidgear", row = r + 1, theirs.Fps, theirs.LatencyP50Ms, theirs.LatencyP99Ms, theirs.Frames, theirs.Dropped,
                            theirs.PerServerMin, theirs.PerServerMax, whole = theirs.Whole, theirs.SimpleJpeg,
                        }));
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"# {step} {row.Title}: VidGear {theirs.Fps:N0} frames/s, p50 {theirs.LatencyP50Ms:0.##} / p99 {theirs.LatencyP99Ms:0.##} ms, dropped {theirs.Dropped:N0}{WholeText(theirs.Whole)}{CpuText(cpu)}"));
                        Add(vidgearRuns, r, theirs);
                    }
                    catch (InvalidOperationException ex)
                    {
                        await output.WriteLineAsync($"# {step} {row.Title}: VidGear failed: {ex.Message}");
                        vidgearErrors[r] = ex.Message;
                    }
                }

                async Task RunOursAsync()
                {
                    foreach (var v in variants)
                    {
                        var settings = v.Transport.Apply(new BenchSettings
                        {
                            Servers = row.Servers, Pattern = row.Pattern, Jpeg = row.Jpeg, Seconds = seconds,
                            ServersPerProcess = row.PerProcess, RatePerServer = row.RatePerServer, Json = true,
                        });
                        await output.WriteLineAsync($"# {step} {row.Title}: ours ({v.Label}) ...");
                        try
                        {
                            var cpuStart = HostCpu.Now();
                            var result = await FreshProcessRun.RunAsync(settings, v.Transport.Kind is not null, v.Tuned, ct);
                            var cpu = HostCpu.Since(cpuStart);
                            if (cpu is { } oc) Add(oursCpu, (r, v.Label), oc);
                            await output.WriteLineAsync(JsonSerializer.Serialize(result));
                            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                                $"# {step} {row.Title}: ours ({v.Label}: {result.Transport}) {result.Fps:N0} frames/s, p50 {result.LatencyP50Ms:0.##} / p99 {result.LatencyP99Ms:0.##} ms, dropped {result.Dropped:N0}{CpuText(cpu)}"));
                            Add(runs, (r, v.Label), result);
                            ours.Add((v, result));
                        }
                        catch (Exception ex) when (ex is InvalidOperationException or NetGearException)
                        {
                            await output.WriteLineAsync($"# {step} {row.Title}: ours ({v.Label}) failed: {ex.Message}");
                            errors[(r, v.Label)] = ex.Message;
                        }
                    }
                }

                if (vidgearFirst)
                {
                    await RunVidGearAsync();
                    await RunOursAsync();
                }
                else
                {
                    await RunOursAsync();
                    await RunVidGearAsync();
                }
                if (theirs is not null)
                {
                    foreach (var (v, result) in ours)
                    {
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                            $"# {step} {row.Title}: ours ({v.Label}) / VidGear: {Ratio(result.Fps, theirs.Fps)} frames/s, p50 {Ratio(result.LatencyP50Ms, theirs.LatencyP50Ms)} / p99 {Ratio(result.LatencyP99Ms, theirs.LatencyP99Ms)}"));
                    }
                }
                if (kernel is not null && HasCeiling(row))
                {
                    try
                    {
                        var fps = await kernel.RunAsync(row.Servers, seconds, ct);
                        Add(kernelRuns, r, fps);
                        await output.WriteLineAsync(JsonSerializer.Serialize(new { kind = "kernelCeiling", row = r + 1, fps }));
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"# {step} {row.Title}: kernel ceiling {fps:N0} frames/s"));
                    }
                    catch (InvalidOperationException ex)
                    {
                        await output.WriteLineAsync($"# {step} {row.Title}: kernel ceiling failed: {ex.Message}");
                    }
                }
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Suite of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.MachineName} ({Environment.ProcessorCount} cores), {seconds:0.#} s per row, {repeat} round(s), {clock.Elapsed.TotalMinutes:0.0} min."));
        foreach (var note in notes) await output.WriteLineAsync(note);
        if (simpleJpeg.Count > 0)
            await output.WriteLineAsync($"VidGear's simplejpeg (JPEG rows): {string.Join(", ", simpleJpeg)}{(simpleJpeg.All(IsTurboJpegStandIn) ? " (libjpeg-turbo's TurboJPEG, as the real simplejpeg)" : " (NOT the TurboJPEG stand-in of bench/vidgear-simplejpeg: VidGear's JPEG figures are not like for like)")}.");
        foreach (var (t, list) in baselines)
        {
            var fps = list.Select(b => b.Fps).ToList();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Baseline {t}: {SuiteSummary.Median(fps):N0} frames/s (one REQ/REP connection, {list[0].FrameBytes:N0}-byte frames{(fps.Count > 1 ? $"; median of {fps.Count}, {fps.Min():N0}-{fps.Max():N0}" : "")})"));
        }
        var jpegCeiling = ceilings.Count > 0 ? SuiteSummary.Median(ceilings.Select(c => c.Fps)) : double.NaN;
        if (ceilings.Count > 0)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"JPEG ceiling: {ceilings[0].Cores} cores / (encode {SuiteSummary.Median(ceilings.Select(c => c.EncodeMs)):0.00} ms + decode {SuiteSummary.Median(ceilings.Select(c => c.DecodeMs)):0.00} ms) = {jpegCeiling:N0} frames/s (the JPEG rows' % of baseline){(ceilings.Count > 1 ? $"; median of {ceilings.Count}, {ceilings.Min(c => c.Fps):N0}-{ceilings.Max(c => c.Fps):N0}" : "")}"));
        if (HostCpu.Since(suiteCpu) is { } total)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Host steal: {total.Steal:0.0} s of the suite's {clock.Elapsed.TotalSeconds * Environment.ProcessorCount:N0} CPU-seconds went to other guests of the host (/proc/stat); per run in the last column."));
        await output.WriteLineAsync("Kernel %: the kernel's share (system, irq, softirq in /proc/stat) of the machine's busy CPU time during the run, all processes.");
        if (repeat > 1) await output.WriteLineAsync($"Each cell: the median of {repeat} rounds (frames/s with its range, kernel % and dropped too); peak MB, gen2 and host steal: the highest.");
        await output.WriteLineAsync("Ratios: ours / VidGear's, measured in this run (fps: higher is better; p50 and p99: lower is better).");
        await output.WriteLineAsync("Dropped: frames the servers sent in the window that never arrived (gaps in each server's n), with their share of those sent.");
        if (kernelRuns.Count > 0)
            await output.WriteLineAsync("Kernel ceiling: the same frames over loopback TCP with no messaging stack, after both (bench/kernel-ceiling); ours and 2x VidGear's frames/s as % of it.");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| pattern | frames | servers | rate | transport | VidGear fps | ours fps | fps ratio | VidGear p50 / p99 ms | ours p50 / p99 ms | p50 / p99 ratio | % of baseline | per server min-max | client CPU s | gen2 | peak MB | kernel % (VidGear / ours) | host steal s (VidGear / ours) | kernel ceiling fps (ours / 2x VidGear, % of it) | VidGear per server min-max | dropped (VidGear / ours) | VidGear by its bench's rule: fps, p50 / p99 ms |");
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var row = SuiteRow.All[r];
            VidGearSummary? theirs = vidgearRuns.TryGetValue(r, out var vl) ? VidGearSummary.Of(vl) : null;
            var vidgearCells = theirs is not null
                ? string.Create(CultureInfo.InvariantCulture, $"{theirs.FpsText}")
                : row.WithVidGear && vidgearErrors.ContainsKey(r) ? "failed" : "-";
            foreach (var v in variants)
            {
                if (!runs.TryGetValue((r, v.Label), out var list))
                {
                    if (errors.TryGetValue((r, v.Label), out var error)) await output.WriteLineAsync($"{row.Name}| {v.Label} | {vidgearCells} | failed: {error} |");
                    continue;
                }
                var s = SuiteSummary.Of(list);
                var baseline = SuiteSummary.Median(baselines[v.Transport.Name].Select(b => b.Fps));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Name}| {v.Label} ({list[0].Transport}) | {vidgearCells} | {s.FpsText} | {(theirs is null ? "-" : Ratio(s.Fps, theirs.Fps))} | " +
                    $"{(theirs is null ? "-" : $"{theirs.P50:0.##} / {theirs.P99:0.##}")} | {s.P50:0.##} / {s.P99:0.##} | " +
                    $"{(theirs is null ? "-" : $"{Ratio(s.P50, theirs.P50)} / {Ratio(s.P99, theirs.P99)}")} | {Percent(s.Fps, row.Jpeg ? jpegCeiling : baseline)} | " +
                    $"{s.PerServerMin}-{s.PerServerMax} | {s.CpuSeconds:0.0} | {s.Gen2Max} | {s.PeakMBMax:0} | " +
                    $"{MedianKernel(vidgearCpu.GetValueOrDefault(r))} / {MedianKernel(oursCpu.GetValueOrDefault((r, v.Label)))} | " +
                    $"{WorstSteal(vidgearCpu.GetValueOrDefault(r))} / {WorstSteal(oursCpu.GetValueOrDefault((r, v.Label)))} | " +
                    $"{CeilingCell(kernelRuns.GetValueOrDefault(r), s.Fps, theirs?.Fps)} | " +
                    $"{(theirs is null ? "-" : $"{theirs.PerServerMin}-{theirs.PerServerMax}")} | " +
                    $"{(theirs is null ? "-" : DroppedText(theirs.Dropped, theirs.Frames))} / {DroppedText(s.Dropped, s.Frames)} | {theirs?.WholeText ?? "-"} |"));
                if (errors.TryGetValue((r, v.Label), out var failed)) await output.WriteLineAsync($"{row.Name}| {v.Label} | one round failed: {failed} |");
            }
        }
        return 0;
    }

    /// <summary>Our side of a row: a transport, with the tool's process-wide tuning or without it (as a library user's program that did not opt in).</summary>
    private sealed record OursVariant(SuiteTransport Transport, bool Tuned)
    {
        /// <summary>"default", or "default, no process tuning".</summary>
        public string Label => Tuned ? Transport.Name : Transport.Name + ", no process tuning";
    }

    private static bool[] ParseTuning(string text) => text switch
    {
        "on" => [true],
        "off" => [false],
        "both" => [true, false],
        _ => throw new ArgumentException($"--process-tuning '{text}' is not allowed; use on (the tool's default), off (NETGEARSHARP_PROCESS_TUNING=0, as a library user's program) or both."),
    };

    private static string TuningText(bool[] tunings)
    {
        const string What = "NetGearProcessTuning.Apply, the tool's opt-in process-wide tuning (glibc malloc thresholds, libzmq wire hooks, thread-pool minimum, NetMQ buffer pool), in our client and servers";
        return tunings switch
        {
            [true] => $"on: {What}, as the netgear tool does; a library user's program has none of it unless it opts in. --process-tuning off|both measures ours without it (NETGEARSHARP_PROCESS_TUNING=0).",
            [false] => $"off: no {What} (NETGEARSHARP_PROCESS_TUNING=0), as a library user's program that did not opt in.",
            _ => $"both: every row of ours with {What}, and again without it (NETGEARSHARP_PROCESS_TUNING=0, as a library user's program that did not opt in; the transport column says which).",
        };
    }

    /// <summary>The file is bench/vidgear-simplejpeg's TurboJPEG stand-in.</summary>
    private static bool IsTurboJpegStandIn(string file)
        => string.Equals(Path.GetFileName(Path.GetDirectoryName(file)), "vidgear-simplejpeg", StringComparison.Ordinal);

    /// <summary>"; by its bench's rule 1,234 frames/s, p50 1.2 / p99 3.4 ms", for the progress line; "" without it.</summary>
    private static string WholeText(VidGearWholeRun? whole) => whole is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $"; by its bench's rule {whole.Fps:N0} frames/s, p50 {whole.LatencyP50Ms:0.##} / p99 {whole.LatencyP99Ms:0.##} ms");

    /// <summary>"0", or "1,234 (12%)": dropped frames and their share of those sent; "-" when unknown.</summary>
    private static string DroppedText(double dropped, double received) => double.IsNaN(dropped)
        ? "-"
        : dropped <= 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{dropped:N0} ({100 * dropped / (dropped + received):0.#}%)");

    /// <summary>The rows the kernel's ceiling is measured for: Request/Reply raw, flat out, one server per process.</summary>
    private static bool HasCeiling(SuiteRow row)
        => row.Pattern == NetGearPattern.ReqRep && !row.Jpeg && row.RatePerServer <= 0 && row.PerProcess == 1;

    /// <summary>"9,089 (7,329-9,348): 54% / 69%": the ceiling's median (its range), ours and twice VidGear's frames/s as shares of it; "-" without one.</summary>
    private static string CeilingCell(List<double>? runs, double ours, double? theirs)
    {
        if (runs is not { Count: > 0 }) return "-";
        var ceiling = SuiteSummary.Median(runs);
        var range = runs.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({runs.Min():N0}-{runs.Max():N0})") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{ceiling:N0}{range}: {Percent(ours, ceiling)} / {(theirs is { } v ? Percent(2 * v, ceiling) : "-")}");
    }

    private static HashSet<int> ParseRows(string text)
    {
        var rows = new HashSet<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1 || row > SuiteRow.All.Length)
                throw new ArgumentException($"--rows '{text}': '{part}' is not a row; use numbers from 1 to {SuiteRow.All.Length}, e.g. 1,4 (see docs/performance.md for the list; {SuiteRow.All.Length} is the 256-server row).");
            rows.Add(row);
        }
        return rows;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    /// <summary>The progress line's end: the kernel's share of the run, and the steal when the host took 0.05 s or more.</summary>
    private static string CpuText(CpuDelta? cpu)
    {
        if (cpu is not { } c) return "";
        var kernel = double.IsNaN(c.KernelShare) ? "" : string.Create(CultureInfo.InvariantCulture, $"; kernel {100 * c.KernelShare:0} % of busy CPU");
        return kernel + (c.Steal >= 0.05 ? string.Create(CultureInfo.InvariantCulture, $"; the host took {c.Steal:0.0} s") : "");
    }

    private static string WorstSteal(List<CpuDelta>? runs)
        => runs is { Count: > 0 } ? runs.Max(c => c.Steal).ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string MedianKernel(List<CpuDelta>? runs)
    {
        var shares = runs?.Select(c => c.KernelShare).Where(k => !double.IsNaN(k)).ToList();
        return shares is { Count: > 0 } ? (100 * SuiteSummary.Median(shares)).ToString("0", CultureInfo.InvariantCulture) + "%" : "-";
    }

    private static string Ratio(double ours, double theirs)
        => double.IsNaN(ours) || double.IsNaN(theirs) || theirs <= 0 ? "-" : (ours / theirs).ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static string Percent(double fps, double of) => double.IsNaN(of) ? "-" : (100 * fps / of).ToString("0", CultureInfo.InvariantCulture) + "%";
}
