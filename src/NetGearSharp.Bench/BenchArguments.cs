using System.Globalization;

namespace NetGearSharp.Bench;

/// <summary>
/// Parses the benchmark's command line (<c>--servers N --pattern reqrep|pubsub [--jpeg] [--jpeg-subsampling 420|422|444] [--seconds S] [--image PATH]
/// [--size WxH] [--transport auto|netmq|native] [--server-transport auto|netmq|native] [--servers-per-process K] [--rate R] [--warmup S] [--max-in-flight-mb MB] [--secure stonehouse|ironhouse] [--json]</c>) for hosts
/// that have no command-line library of their own.
/// </summary>
internal static class BenchArguments
{
    /// <summary>The options understood, for help texts.</summary>
    public const string Usage =
        "--servers N --pattern reqrep|pubsub [--jpeg] [--jpeg-subsampling 420|422|444] [--seconds S] [--image PATH] [--size 640x480] " +
        "[--transport auto|netmq|native] [--server-transport auto|netmq|native] [--servers-per-process K] [--rate FPS] [--address CLIENT-ADDRESS] [--warmup S] [--max-in-flight-mb MB] [--secure stonehouse|ironhouse] [--json]";

    /// <summary>Parses the arguments into settings (validated).</summary>
    /// <exception cref="ArgumentException">An argument is unknown or its value is bad; the message names it.</exception>
    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var s = new BenchSettings();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            s = args[i] switch
            {
                "--servers" => s with { Servers = ParseInt(Next(), "--servers") },
                "--pattern" => s with { Pattern = ParsePattern(Next()) },
                "--jpeg" => s with { Jpeg = true },
                "--jpeg-subsampling" => s with { JpegSubsampling = ParseSubsampling(Next()) },
                "--seconds" => s with { Seconds = ParseDouble(Next(), "--seconds") },
                "--warmup" => s with { WarmupSeconds = ParseDouble(Next(), "--warmup") },
                "--image" => s with { ImagePath = Next() },
                "--size" => ParseSize(Next()) is var (w, h) ? s with { Width = w, Height = h } : s,
                "--transport" => s with { Transport = ParseTransport(Next()) },
                "--server-transport" => s with { ServerTransport = ParseTransport(Next()) },
                "--servers-per-process" => s with { ServersPerProcess = ParseInt(Next(), "--servers-per-process") },
                "--rate" => s with { RatePerServer = ParseDouble(Next(), "--rate") },
                "--address" => s with { ClientAddress = Next() },
                "--max-in-flight-mb" => s with { MaxInFlightMB = ParseDouble(Next(), "--max-in-flight-mb") },
                "--secure" => s with { SecureMode = ParseSecure(Next()) },
                "--json" => s with { Json = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Allowed: {Usage}"),
            };
        }
        s.Validate();
        return s;
    }

    /// <summary><c>reqrep</c> (or 1) and <c>pubsub</c> (or 2).</summary>
    public static NetGearPattern ParsePattern(string text)
        => OptionWords.Pattern(text) ?? throw new ArgumentException($"--pattern '{text}' is not allowed; use reqrep or pubsub.");

    /// <summary><c>420</c>, <c>422</c> or <c>444</c> (colons allowed: <c>4:2:2</c>).</summary>
    public static JpegSubsampling ParseSubsampling(string text)
        => OptionWords.Subsampling(text) ?? throw new ArgumentException($"--jpeg-subsampling '{text}' is not allowed; use 420, 422 or 444.", "jpeg-subsampling");

    /// <summary><c>auto</c>, <c>netmq</c> or <c>native</c>.</summary>
    public static TransportKind ParseTransport(string text)
        => OptionWords.Transport(text) ?? throw new ArgumentException($"--transport '{text}' is not allowed; use auto, netmq or native.");

    /// <summary><c>none</c>, <c>stonehouse</c> or <c>ironhouse</c> (or 0, 1, 2).</summary>
    public static SecureMode ParseSecure(string text)
        => OptionWords.Secure(text) ?? throw new ArgumentException($"--secure '{text}' is not allowed; use none, stonehouse or ironhouse.");

    /// <summary><c>WIDTHxHEIGHT</c>, e.g. <c>640x480</c>.</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0)
            return (w, h);
        throw new ArgumentException($"size '{text}' is not WIDTHxHEIGHT with positive numbers, e.g. 640x480.");
    }

    private static int ParseInt(string text, string name)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ArgumentException($"{name} '{text}' is not a whole number.");

    private static double ParseDouble(string text, string name)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ArgumentException($"{name} '{text}' is not a number.");
}
