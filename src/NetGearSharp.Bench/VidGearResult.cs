using System.Globalization;
using System.Text.RegularExpressions;

namespace NetGearSharp.Bench;

/// <summary>
/// One run of VidGear's own load bench (<c>examples/bench_multiserver.py</c>, or the paced variant in <c>bench/</c>):
/// its line <c>vidgear pattern=P servers=N jpeg=J frames=F fps=R lat_p50_ms=A lat_p99_ms=B per_port=[...]</c>.
/// </summary>
internal sealed partial record VidGearResult(int Pattern, int Servers, bool Jpeg, long Frames, double Fps, double LatencyP50Ms, double LatencyP99Ms, long PerServerMin, long PerServerMax)
{
    /// <summary>Reads the result line from the bench's output.</summary>
    /// <exception cref="FormatException">No result line is in <paramref name="output"/>.</exception>
    public static VidGearResult Parse(string output)
    {
        var m = Line().Match(output);
        if (!m.Success) throw new FormatException($"VidGear's bench printed no result line: {output.Trim()}");
        var perPort = m.Groups["per"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new VidGearResult(
            int.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture),
            m.Groups["j"].Value == "1",
            long.Parse(m.Groups["f"].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups["fps"].Value, CultureInfo.InvariantCulture),
            Number(m.Groups["p50"].Value),
            Number(m.Groups["p99"].Value),
            perPort.Length > 0 ? perPort.Min() : 0,
            perPort.Length > 0 ? perPort.Max() : 0);
    }

    private static double Number(string text) => text == "nan" ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"vidgear pattern=(?<p>\d) servers=(?<n>\d+) jpeg=(?<j>[01]) frames=(?<f>\d+) fps=(?<fps>[\d.]+) lat_p50_ms=(?<p50>[\d.]+|nan) lat_p99_ms=(?<p99>[\d.]+|nan) per_port=\[(?<per>[^\]]*)\]")]
    private static partial Regex Line();
}
