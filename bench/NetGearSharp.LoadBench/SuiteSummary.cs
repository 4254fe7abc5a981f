using System.Globalization;
using NetGearSharp.Bench;

namespace NetGearSharp.LoadBench;

/// <summary>
/// What the suite reports for one row and transport over its repeated runs: the median of each measure (fps,
/// latencies, CPU, frames and dropped frames), the range of fps, and the worst of memory and gen-2 collections.
/// </summary>
internal sealed record SuiteSummary(int Runs, double Fps, double FpsMin, double FpsMax, double P50, double P99,
    long PerServerMin, long PerServerMax, double CpuSeconds, int Gen2Max, double PeakMBMax, double Frames, double Dropped)
{
    /// <summary>Summarises the runs of one row and transport (at least one).</summary>
    public static SuiteSummary Of(IReadOnlyList<BenchResult> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("A summary needs at least one run.", nameof(runs));
        var middle = runs.OrderBy(r => r.Fps).ElementAt(runs.Count / 2); // per-server spread from the median run
        return new SuiteSummary(runs.Count, Median(runs.Select(r => r.Fps)), runs.Min(r => r.Fps), runs.Max(r => r.Fps),
            Median(runs.Select(r => r.LatencyP50Ms)), Median(runs.Select(r => r.LatencyP99Ms)),
            middle.PerServerMin, middle.PerServerMax, Median(runs.Select(r => r.ClientCpuSeconds)),
            runs.Max(r => r.Gen2Collections), runs.Max(r => r.PeakWorkingSetMB), Median(runs.Select(r => (double)r.Frames)),
            Median(runs.Select(r => (double)r.Dropped)));
    }

    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>"3,851" for one run, "3,851 (3,104-4,020)" for several.</summary>
    public string FpsText => Runs == 1
        ? Fps.ToString("N0", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Fps:N0} ({FpsMin:N0}-{FpsMax:N0})");
}
