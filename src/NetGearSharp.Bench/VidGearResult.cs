using System.Globalization;
using System.Text.RegularExpressions;

namespace NetGearSharp.Bench;

/// <summary>
/// One run of VidGear's side of the load suite (<c>bench/vidgear_window_bench.py</c>): its line, VidGear's bench's
/// format first, <c>vidgear pattern=P servers=N jpeg=J frames=F fps=R lat_p50_ms=A lat_p99_ms=B per_port=[...]</c>
/// (over the same window as ours), then <c>window_s=W sent=S dropped=D whole_frames=F whole_fps=R whole_p50_ms=A
/// whole_p99_ms=B whole_per_port=[...] rate=R simplejpeg=PATH</c>. The fields after <c>per_port</c> are optional
/// (VidGear's own <c>examples/bench_multiserver.py</c> prints none of them).
/// </summary>
/// <param name="Pattern">1 Request/Reply, 2 Publish/Subscribe.</param>
/// <param name="Servers">Number of servers.</param>
/// <param name="Jpeg">Whether frames were JPEG-compressed.</param>
/// <param name="Frames">Frames received in the window.</param>
/// <param name="Fps">Frames per second over the window.</param>
/// <param name="LatencyP50Ms">Median latency, ms.</param>
/// <param name="LatencyP99Ms">99th percentile of the latency, ms.</param>
/// <param name="PerServerMin">Frames of the slowest server.</param>
/// <param name="PerServerMax">Frames of the fastest server.</param>
/// <param name="Dropped">Frames the servers sent in the window that the client never got (from each server's <c>n</c>); null when not printed.</param>
/// <param name="Whole">The same run by VidGear's bench's own rule (first frame to last, no warm-up, <c>lat[int(0.99n)]</c>); null when not printed.</param>
/// <param name="SimpleJpeg">The file VidGear's simplejpeg came from; null when not printed.</param>
internal sealed partial record VidGearResult(int Pattern, int Servers, bool Jpeg, long Frames, double Fps, double LatencyP50Ms, double LatencyP99Ms,
    long PerServerMin, long PerServerMax, long? Dropped = null, VidGearWholeRun? Whole = null, string? SimpleJpeg = null)
{
    /// <summary>Reads the result line from the bench's output.</summary>
    /// <exception cref="FormatException">No result line is in <paramref name="output"/>.</exception>
    public static VidGearResult Parse(string output)
    {
        var m = Line().Match(output);
        if (!m.Success) throw new FormatException($"VidGear's bench printed no result line: {output.Trim()}");
        var (min, max) = Range(m.Groups["per"].Value);
        var end = output.IndexOf('\n', m.Index + m.Length);
        var extras = Extra().Matches(end < 0 ? output[(m.Index + m.Length)..] : output[(m.Index + m.Length)..end])
            .ToDictionary(x => x.Groups["k"].Value, x => x.Groups["v"].Value);
        VidGearWholeRun? whole = null;
        if (extras.TryGetValue("whole_fps", out var wholeFps))
        {
            var (wholeMin, wholeMax) = Range(extras.GetValueOrDefault("whole_per_port", "[]").Trim('[', ']'));
            whole = new VidGearWholeRun(double.Parse(wholeFps, CultureInfo.InvariantCulture), Number(extras["whole_p50_ms"]),
                Number(extras["whole_p99_ms"]), wholeMin, wholeMax);
        }
        return new VidGearResult(
            int.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture),
            m.Groups["j"].Value == "1",
            long.Parse(m.Groups["f"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["fps"].Value, CultureInfo.InvariantCulture),
            Number(m.Groups["p50"].Value),
            Number(m.Groups["p99"].Value),
            min,
            max,
            extras.TryGetValue("dropped", out var dropped) ? long.Parse(dropped, CultureInfo.InvariantCulture) : null,
            whole,
            extras.GetValueOrDefault("simplejpeg"));
    }

    private static (long Min, long Max) Range(string list)
    {
        var values = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return values.Length > 0 ? (values.Min(), values.Max()) : (0, 0);
    }

    private static double Number(string text) => text == "nan" ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"vidgear pattern=(?<p>\d) servers=(?<n>\d+) jpeg=(?<j>[01]) frames=(?<f>\d+) fps=(?<fps>[\d.]+) lat_p50_ms=(?<p50>[\d.]+|nan) lat_p99_ms=(?<p99>[\d.]+|nan) per_port=\[(?<per>[^\]]*)\]")]
    private static partial Regex Line();

    [GeneratedRegex(@" (?<k>[a-z0-9_]+)=(?<v>\[[^\]]*\]|\S+)")]
    private static partial Regex Extra();
}

/// <summary>A VidGear run by VidGear's bench's own rule: frames/s from the first frame received to the last, p50 <c>lat[n//2]</c>, p99 <c>lat[int(0.99n)]</c>, frames per server.</summary>
internal sealed record VidGearWholeRun(double Fps, double LatencyP50Ms, double LatencyP99Ms, long PerServerMin, long PerServerMax);
