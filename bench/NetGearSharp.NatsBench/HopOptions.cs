using System.Globalization;

namespace NetGearSharp.NatsBench;

/// <summary>The benchmark's arguments.</summary>
internal sealed record HopOptions
{
    public const string Usage = "[--servers 8] [--hop raw|jpeg] [--seconds 10] [--fps 30] [--nats nats://HOST:PORT] [--buffer 256] [--json] | suite [--seconds 10]";

    public int Servers { get; init; } = 8;
    public bool Jpeg { get; init; }
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public double Fps { get; init; } = 30;
    public string? NatsUrl { get; init; }
    public int Buffer { get; init; } = 256;
    public bool Json { get; init; }

    public string Name => $"{Servers} servers, VGA, hop {(Jpeg ? "jpeg" : "raw")}, {Fps:0.#} fps each";

    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static HopOptions Parse(IReadOnlyList<string> args)
    {
        var o = new HopOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--servers" => o with { Servers = Int(Value(), "--servers", 1, 1000) },
                "--hop" => o with { Jpeg = Value() switch { "raw" => false, "jpeg" => true, var v => throw new ArgumentException($"--hop '{v}' is unknown; allowed: raw, jpeg.") } },
                "--seconds" => o with { Duration = TimeSpan.FromSeconds(Int(Value(), "--seconds", 1, 3600)) },
                "--fps" => o with { Fps = double.TryParse(Value(), CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 1000 ? f : throw new ArgumentException("--fps must be a number from 0 to 1000.") },
                "--nats" => o with { NatsUrl = Value() },
                "--buffer" => o with { Buffer = Int(Value(), "--buffer", 1, 100_000) },
                "--json" => o with { Json = true },
                var other => throw new ArgumentException($"Unknown argument '{other}'."),
            };
        }
        return o;
    }

    private static int Int(string text, string name, int min, int max)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw new ArgumentException($"{name} '{text}' is out of range; allowed: {min} to {max}.");
}
