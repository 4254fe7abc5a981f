using System.Globalization;
using NetGearSharp.Bench;

namespace NetGearSharp.LoadBench;

/// <summary>
/// VidGear's runs of one row over the rounds: the median fps (with its range), latencies, frames and dropped frames,
/// the per-server spread of the median run, and the medians of its bench's own rule (<see cref="VidGearWholeRun"/>).
/// </summary>
internal sealed record VidGearSummary(int Runs, double Fps, double FpsMin, double FpsMax, double P50, double P99,
    long PerServerMin, long PerServerMax, double Frames, double Dropped, string? WholeText)
{
    /// <summary>Summarises VidGear's runs of one row (at least one).</summary>
    public static VidGearSummary Of(IReadOnlyList<VidGearResult> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("A summary needs at least one run.", nameof(runs));
        var middle = runs.OrderBy(r => r.Fps).ElementAt(runs.Count / 2); // per-server spread from the median run
        var whole = runs.Select(r => r.Whole).OfType<VidGearWholeRun>().ToList();
        var wholeText = whole.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"{SuiteSummary.Median(whole.Select(w => w.Fps)):N0}, {SuiteSummary.Median(whole.Select(w => w.LatencyP50Ms)):0.##} / {SuiteSummary.Median(whole.Select(w => w.LatencyP99Ms)):0.##}");
        var dropped = runs.Where(r => r.Dropped is not null).Select(r => (double)r.Dropped!.Value);
        return new VidGearSummary(runs.Count, SuiteSummary.Median(runs.Select(r => r.Fps)), runs.Min(r => r.Fps), runs.Max(r => r.Fps),
            SuiteSummary.Median(runs.Select(r => r.LatencyP50Ms)), SuiteSummary.Median(runs.Select(r => r.LatencyP99Ms)),
            middle.PerServerMin, middle.PerServerMax, SuiteSummary.Median(runs.Select(r => (double)r.Frames)), SuiteSummary.Median(dropped), wholeText);
    }

    /// <summary>"3,281" for one run, "3,281 (3,108-5,147)" for several.</summary>
    public string FpsText => Runs == 1
        ? Fps.ToString("N0", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Fps:N0} ({FpsMin:N0}-{FpsMax:N0})");
}
