using System.Globalization;

namespace NetGearSharp.Bench;

/// <summary>The arguments of a benchmark child process (what <see cref="BenchRunner"/> passes after the command's prefix).</summary>
internal sealed record BenchServerArgs
{
    public required int[] Ports { get; init; }

    /// <summary>The index of <see cref="Ports"/>' first server in the run's port list (a paced server's phase: <see cref="PacedSchedule"/>).</summary>
    public int FirstIndex { get; init; }
    public NetGearPattern Pattern { get; init; } = NetGearPattern.ReqRep;
    public bool Jpeg { get; init; }
    public JpegSubsampling JpegSubsampling { get; init; } = JpegSubsampling.Chroma420;
    public string? ImagePath { get; init; }
    public int Width { get; init; } = 640;
    public int Height { get; init; } = 480;
    public TransportKind Transport { get; init; } = TransportKind.Auto;
    public double Rate { get; init; }
    public SecureMode SecureMode { get; init; }
    public string? KeysDirectory { get; init; }

    public static BenchServerArgs From(BenchSettings settings, IEnumerable<int> ports, string? imagePath, string? keysDirectory = null, int firstIndex = 0) => new()
    {
        Ports = ports.ToArray(),
        FirstIndex = firstIndex,
        Pattern = settings.Pattern,
        Jpeg = settings.Jpeg,
        JpegSubsampling = settings.JpegSubsampling,
        ImagePath = imagePath,
        Width = settings.Width,
        Height = settings.Height,
        Transport = settings.ServerTransport ?? settings.Transport,
        Rate = settings.RatePerServer,
        SecureMode = settings.SecureMode,
        KeysDirectory = keysDirectory,
    };

    public List<string> ToArguments()
    {
        var args = new List<string>
        {
            "--ports", string.Join(',', Ports),
            "--first-index", FirstIndex.ToString(CultureInfo.InvariantCulture),
            "--pattern", OptionWords.NameOf(Pattern),
            "--size", $"{Width}x{Height}",
            "--transport", OptionWords.NameOf(Transport),
            "--rate", Rate.ToString(CultureInfo.InvariantCulture),
        };
        if (Jpeg) args.AddRange(["--jpeg", "--jpeg-subsampling", OptionWords.NameOf(JpegSubsampling)]);
        if (ImagePath is not null) args.AddRange(["--image", ImagePath]);
        if (SecureMode != SecureMode.Grasslands) args.AddRange(["--secure", ((int)SecureMode).ToString(CultureInfo.InvariantCulture), "--keys", KeysDirectory!]);
        return args;
    }

    public static BenchServerArgs Parse(IReadOnlyList<string> args)
    {
        var result = new BenchServerArgs { Ports = [] };
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            result = args[i] switch
            {
                "--ports" => result with { Ports = Next().Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray() },
                "--first-index" => result with { FirstIndex = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture) },
                "--pattern" => result with { Pattern = BenchArguments.ParsePattern(Next()) },
                "--jpeg" => result with { Jpeg = true },
                "--jpeg-subsampling" => result with { JpegSubsampling = BenchArguments.ParseSubsampling(Next()) },
                "--image" => result with { ImagePath = Next() },
                "--size" => BenchArguments.ParseSize(Next()) is var (w, h) ? result with { Width = w, Height = h } : result,
                "--transport" => result with { Transport = BenchArguments.ParseTransport(Next()) },
                "--rate" => result with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--secure" => result with { SecureMode = BenchArguments.ParseSecure(Next()) },
                "--keys" => result with { KeysDirectory = Next() },
                _ => throw new ArgumentException($"Unknown bench-server argument '{args[i]}'. Allowed: --ports, --first-index, --pattern, --jpeg, --jpeg-subsampling, --image, --size, --transport, --rate, --secure, --keys."),
            };
        }
        if (result.Ports.Length == 0) throw new ArgumentException("bench-server needs --ports p1,p2,...");
        return result;
    }
}
