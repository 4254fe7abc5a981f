using System.Globalization;
using NetGearSharp.Bench;

namespace NetGearSharp.LoadBench;

/// <summary>VidGear's runs of one row over the rounds: the median fps (with its range) and median latencies.</summary>
internal sealed record VidGearSummary(int Runs, double Fps, double FpsMin, double FpsMax, double P50, double P99)
{
    /// <summary>Summarises VidGear's runs of one row (at least one).</summary>
    public static VidGearSummary Of(IReadOnlyList<VidGearResult> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("A summary needs at least one run.", nameof(runs));
        return new VidGearSummary(runs.Count, SuiteSummary.Median(runs.Select(r => r.Fps)), runs.Min(r => r.Fps), runs.Max(r => r.Fps),
            SuiteSummary.Median(runs.Select(r => r.LatencyP50Ms)), SuiteSummary.Median(runs.Select(r => r.LatencyP99Ms)));
    }

    /// <summary>"3,281" for one run, "3,281 (3,108-5,147)" for several.</summary>
    public string FpsText => Runs == 1
        ? Fps.ToString("N0", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Fps:N0} ({FpsMin:N0}-{FpsMax:N0})");
}
