using System.Globalization;

namespace NetGearSharp.WebBench;

/// <summary>The benchmark's settings, from <c>--name value</c> arguments.</summary>
internal sealed record WebBenchArgs
{
    public int Servers { get; init; } = 4;
    public double Fps { get; init; } = 30;
    public int Readers { get; init; } = 20;
    public double Seconds { get; init; } = 15;
    public int Width { get; init; } = 640;
    public int Height { get; init; } = 480;
    public bool Jpeg { get; init; } = true;
    public double MaxDropPercent { get; init; } = 10;

    public static WebBenchArgs Parse(string[] args)
    {
        var result = new WebBenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number(string name, double min, double max)
            {
                var text = Next();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                    throw new ArgumentException($"{name} '{text}' is not a number in {min}-{max}.");
                return v;
            }
            result = args[i] switch
            {
                "--servers" => result with { Servers = (int)Number("--servers", 1, 64) },
                "--fps" => result with { Fps = Number("--fps", 1, 240) },
                "--readers" => result with { Readers = (int)Number("--readers", 0, 1000) },
                "--seconds" => result with { Seconds = Number("--seconds", 1, 3600) },
                "--size" => Next().Split('x') is [var w, var h] && int.TryParse(w, out var wi) && int.TryParse(h, out var hi) && wi >= 16 && hi >= 16
                    ? result with { Width = wi, Height = hi }
                    : throw new ArgumentException("--size wants WIDTHxHEIGHT such as 640x480."),
                "--raw" => result with { Jpeg = false },
                "--jpeg" => result with { Jpeg = true },
                "--max-drop" => result with { MaxDropPercent = Number("--max-drop", 0, 100) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Allowed: --servers N --fps F --readers N --seconds S --size WxH --raw|--jpeg --max-drop PERCENT."),
            };
        }
        return result;
    }
}
