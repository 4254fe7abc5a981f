namespace NetGearSharp.Bench;

/// <summary>One load-benchmark run: how many servers, which pattern and transport, for how long. Immutable.</summary>
internal sealed record BenchSettings
{
    /// <summary>Number of servers (each its own port), 1-10000. Default 2.</summary>
    public int Servers { get; init; } = 2;

    /// <summary>Request/Reply or Publish/Subscribe. Default ReqRep.</summary>
    public NetGearPattern Pattern { get; init; } = NetGearPattern.ReqRep;

    /// <summary>Whether servers JPEG-compress frames (quality 90, as VidGear). Default off (raw frames).</summary>
    public bool Jpeg { get; init; }

    /// <summary>The servers' chroma subsampling with <see cref="Jpeg"/>. Default 4:2:0 (the library's default).</summary>
    public JpegSubsampling JpegSubsampling { get; init; } = JpegSubsampling.Chroma420;

    /// <summary>Length of the measured interval, after warm-up. Default 8 s (VidGear's runs).</summary>
    public double Seconds { get; init; } = 8;

    /// <summary>Warm-up after every server has delivered a frame, not measured. Default 2 s.</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>The image the servers send; null finds <c>../shared/media/fruits.jpg</c> from the repository root, or uses a generated pattern.</summary>
    public string? ImagePath { get; init; }

    /// <summary>Frame width the image is resized to. Default 640.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Frame height the image is resized to. Default 480.</summary>
    public int Height { get; init; } = 480;

    /// <summary>The transport of servers and client. Default NetMQ.</summary>
    public TransportKind Transport { get; init; } = TransportKind.Auto;

    /// <summary>The servers' transport when it differs from the client's (mixed runs); null uses <see cref="Transport"/>.</summary>
    public TransportKind? ServerTransport { get; init; }

    /// <summary>How many servers share one child process. Default 1 (one process per server, as VidGear was measured).</summary>
    public int ServersPerProcess { get; init; } = 1;

    /// <summary>
    /// The address the client binds: 127.0.0.1 by default; <c>0.0.0.0</c> measures a client listening on the network
    /// (with NetMQ, its gate; the servers still connect through loopback).
    /// </summary>
    public string ClientAddress { get; init; } = "127.0.0.1";

    /// <summary>Frames per second each server sends at most; 0 sends as fast as it can (default, as VidGear was measured).</summary>
    public double RatePerServer { get; init; }

    /// <summary>The client's <see cref="NetGearClientOptions.MaxBytesInFlight"/> in MB (Request/Reply flow control); 0 turns it off; null keeps the client's default.</summary>
    public double? MaxInFlightMB { get; init; }

    /// <summary>
    /// CURVE security of servers and client (StoneHouse or IronHouse), with fresh keys in a temporary folder, to measure
    /// what encryption costs. Default Grasslands (plain). IronHouse needs the native client transport (native, or auto where libzmq loads).
    /// </summary>
    public SecureMode SecureMode { get; init; } = SecureMode.Grasslands;

    /// <summary>Print the result as one JSON object per run instead of text.</summary>
    public bool Json { get; init; }

    /// <summary>How child processes are started; null runs this program again with <c>bench-server</c> (see <see cref="ChildCommand.ForCurrentProcess"/>).</summary>
    public ChildCommand? Child { get; init; }

    /// <summary>Checks every value; throws an <see cref="ArgumentException"/> naming the bad one and what is allowed.</summary>
    public void Validate()
    {
        if (Servers is < 1 or > 10_000) throw new ArgumentException($"servers {Servers} is outside the allowed range 1-10000.", nameof(Servers));
        if (Pattern is not (NetGearPattern.ReqRep or NetGearPattern.PubSub))
            throw new ArgumentException($"pattern {Pattern} is not allowed in multi-server mode; use reqrep or pubsub.", nameof(Pattern));
        if (!(Seconds is > 0 and <= 3600)) throw new ArgumentException($"seconds {Seconds} is outside the allowed range (0, 3600].", nameof(Seconds));
        if (!(WarmupSeconds is >= 0 and <= 600)) throw new ArgumentException($"warm-up {WarmupSeconds} s is outside the allowed range 0-600.", nameof(WarmupSeconds));
        if (Width is < 1 or > 16384 || Height is < 1 or > 16384)
            throw new ArgumentException($"size {Width}x{Height} is not allowed; each side must be 1-16384.", nameof(Width));
        if (ServersPerProcess is < 1 or > 10_000)
            throw new ArgumentException($"servers-per-process {ServersPerProcess} is outside the allowed range 1-10000.", nameof(ServersPerProcess));
        if (!(RatePerServer >= 0)) throw new ArgumentException($"rate {RatePerServer} must be zero (as fast as possible) or positive.", nameof(RatePerServer));
        if (MaxInFlightMB is { } mb && !(mb is >= 0 and <= 1_000_000))
            throw new ArgumentException($"max-in-flight-mb {mb} is outside the allowed range 0-1000000 (0: no flow control).", nameof(MaxInFlightMB));
        if (!Enum.IsDefined(JpegSubsampling))
            throw new ArgumentException($"jpeg-subsampling {(int)JpegSubsampling} is not allowed; use 420, 422 or 444.", "jpeg-subsampling");
        if (!Enum.IsDefined(SecureMode)) throw new ArgumentException($"secure {(int)SecureMode} is not allowed; use none, stonehouse or ironhouse.", "secure");
        if (SecureMode == SecureMode.IronHouse && Transport == TransportKind.NetMq)
            throw new ArgumentException("ironhouse needs libzmq: --transport native, or auto where libzmq loads (NetMQ has no ZAP to check keys).", "secure");
        if (ImagePath is not null && !File.Exists(ImagePath)) throw new ArgumentException($"image '{ImagePath}' does not exist.", nameof(ImagePath));
    }

    /// <summary>The pattern as the benchmark names it: <c>reqrep</c> or <c>pubsub</c>.</summary>
    public string PatternName => OptionWords.NameOf(Pattern);

    /// <summary>The transport as the benchmark names it: <c>netmq</c> or <c>native</c>.</summary>
    public string TransportName => OptionWords.NameOf(Transport);
}
