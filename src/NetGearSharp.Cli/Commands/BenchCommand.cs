using System.CommandLine;
using NetGearSharp.Bench;

namespace NetGearSharp.Cli.Commands;

/// <summary>
/// <c>netgear bench</c>: the end-to-end load benchmark. Starts the servers as child processes (<c>netgear
/// bench-server</c>), receives in this process and prints frames/s, latency, CPU and memory (one JSON object with
/// <c>--json</c>). With <c>--baseline</c> it measures what one bare ZeroMQ REQ/REP connection moves instead.
/// </summary>
internal sealed class BenchCommand : ICliCommand
{
    /// <summary>The hidden verb the benchmark starts its child server processes with.</summary>
    public const string ServerVerb = "bench-server";

    /// <summary>The highest <c>--rate</c> per server (0 is as fast as possible).</summary>
    private const double MaxRate = 100_000;

    private readonly Option<int> _servers = new("--servers") { HelpName = "COUNT", Description = "How many servers, 1-4096.", DefaultValueFactory = _ => 2 };
    private readonly Option<string> _pattern = new("--pattern") { HelpName = "reqrep|pubsub", Description = "reqrep or pubsub.", DefaultValueFactory = _ => "reqrep" };
    private readonly Option<bool> _jpeg = new("--jpeg") { Description = "Compress frames as JPEG (quality 90)." };
    private readonly Option<string> _jpegSubsampling = new("--jpeg-subsampling") { HelpName = "420|422|444", Description = "The servers' JPEG chroma subsampling with --jpeg: 420 (the default), 422 (VidGear's) or 444.", DefaultValueFactory = _ => "420" };
    private readonly Option<double> _seconds = new("--seconds") { HelpName = "SECONDS", Description = "How long to measure, in seconds.", DefaultValueFactory = _ => 8.0 };
    private readonly Option<double> _warmup = new("--warmup") { HelpName = "SECONDS", Description = "Seconds of warm-up before measuring.", DefaultValueFactory = _ => 2.0 };
    private readonly Option<string?> _image = new("--image") { HelpName = "FILE", Description = "The picture every server sends, a JPEG file (default: ../shared/media/fruits.jpg when present, else a generated pattern)." };
    private readonly Option<string> _size = new("--size") { HelpName = "WIDTHxHEIGHT", Description = "Frame size in pixels, e.g. 640x480.", DefaultValueFactory = _ => "640x480" };
    private readonly Option<string> _transport = new("--transport") { HelpName = "auto|netmq|native", Description = "auto (the system's libzmq where it loads, else NetMQ; logged), netmq (managed, needs nothing installed) or native (the system's libzmq: apt-get install libzmq5).", DefaultValueFactory = _ => "auto" };
    private readonly Option<string?> _serverTransport = new("--server-transport") { HelpName = "auto|netmq|native", Description = "auto, netmq or native for the servers only." };
    private readonly Option<int> _perProcess = new("--servers-per-process") { HelpName = "COUNT", Description = "Servers sharing one child process.", DefaultValueFactory = _ => 1 };
    private readonly Option<double> _rate = new("--rate") { HelpName = "FPS", Description = "Frames per second per server, 0.01-100000 (0: as fast as possible).", DefaultValueFactory = _ => 0.0 };
    private readonly Option<double?> _maxInFlight = new("--max-in-flight-mb") { HelpName = "MB", Description = "Request/Reply flow control: the client's MaxBytesInFlight in MB, 0-1000000 (0: off; default: the client's, 16 MiB). Lower: lower latency; higher: the last frames/s." };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object per run." };
    private readonly Option<string> _secure = new("--secure") { HelpName = "none|stonehouse|ironhouse", Description = "none, stonehouse or ironhouse (CURVE with fresh temporary keys; ironhouse needs libzmq: --transport auto where it loads, or native): what security costs.", DefaultValueFactory = _ => "none" };
    private readonly Option<bool> _baseline = new("--baseline") { Description = "Measure one bare REQ/REP connection moving the same frame (the transport's ceiling)." };

    /// <inheritdoc />
    public Command Build()
    {
        var command = new Command("bench", "Load benchmark: servers as child processes, the client here; frames/s, latency, CPU, memory.")
        {
            _servers, _pattern, _jpeg, _jpegSubsampling, _seconds, _warmup, _image, _size, _transport, _serverTransport, _perProcess, _rate, _maxInFlight, _json, _baseline, _secure,
        };
        CommandRunner.SetAction(command, Parse, RunAsync);
        return command;
    }

    /// <summary>Checks the arguments into benchmark settings and whether to run the baseline.</summary>
    /// <exception cref="UsageException">An argument is invalid.</exception>
    public (BenchSettings Settings, bool Baseline) Parse(ParseResult result)
    {
        var (width, height) = ArgumentParsers.Size(result.GetValue(_size)!, "--size");
        var settings = new BenchSettings
        {
            Servers = ArgumentParsers.Range(result.GetValue(_servers), 1, 4096, "--servers"),
            Pattern = ArgumentParsers.Pattern(result.GetValue(_pattern)!, "--pattern"),
            Jpeg = result.GetValue(_jpeg),
            JpegSubsampling = !result.GetValue(_jpeg) && NatsViewOptions.Given(result, _jpegSubsampling)
                ? throw new UsageException("--jpeg-subsampling", "needs --jpeg (frames are sent raw without it).")
                : ArgumentParsers.Subsampling(result.GetValue(_jpegSubsampling)!, "--jpeg-subsampling"),
            Seconds = ArgumentParsers.Seconds(result.GetValue(_seconds), "--seconds").TotalSeconds,
            WarmupSeconds = ArgumentParsers.Seconds(result.GetValue(_warmup), "--warmup", allowZero: true).TotalSeconds,
            ImagePath = result.GetValue(_image),
            Width = width,
            Height = height,
            Transport = ArgumentParsers.Transport(result.GetValue(_transport)!, "--transport"),
            ServerTransport = result.GetValue(_serverTransport) is { } st ? ArgumentParsers.Transport(st, "--server-transport") : null,
            ServersPerProcess = ArgumentParsers.Range(result.GetValue(_perProcess), 1, 4096, "--servers-per-process"),
            RatePerServer = ArgumentParsers.Fps(result.GetValue(_rate), "--rate", MaxRate),
            MaxInFlightMB = MaxInFlight(result.GetValue(_maxInFlight)),
            Json = result.GetValue(_json),
            SecureMode = Secure(result.GetValue(_secure)!),
            Child = ChildCommand.ForCurrentProcess(ServerVerb),
        };
        // Decoded up front: the servers would otherwise send the generated pattern instead, silently.
        if (settings.ImagePath is { } path && TestImage.Problem(path) is { } problem)
            throw new UsageException("--image", $"'{path}' cannot be the picture: {problem}; give a JPEG file (e.g. ../shared/media/fruits.jpg), or leave --image out.");
        try
        {
            settings.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.ParamName is { } name ? "--" + name : "bench", ex.Message);
        }
        var baseline = result.GetValue(_baseline);
        if (baseline)
        {
            // The baseline is one bare REQ/REP connection moving the frame: what shapes the servers would be ignored.
            foreach (var option in new Option[] { _servers, _pattern, _jpeg, _jpegSubsampling, _serverTransport, _perProcess, _rate, _maxInFlight, _secure })
            {
                if (NatsViewOptions.Given(result, option))
                    throw new UsageException(option.Name, "cannot be combined with --baseline, which measures one bare REQ/REP connection moving the frame (--image, --size, --transport, --seconds and --warmup apply).");
            }
        }
        return (settings, baseline);
    }

    /// <summary>
    /// Runs the benchmark, its phases said on stderr as they start. Interrupted (Ctrl+C, SIGTERM) there is no result:
    /// it says so and exits with the signal's code (130 for SIGINT, 143 for SIGTERM), not 0 as a viewer or server
    /// stopped by Ctrl+C does (their normal end).
    /// </summary>
    private static async Task<int> RunAsync((BenchSettings Settings, bool Baseline) parsed, RunContext context)
    {
        void Progress(string phase) => Console.Error.WriteLine($"netgear bench: {phase}");
        try
        {
            if (parsed.Baseline) await BenchRunner.RunBaselineAsync(parsed.Settings, Console.Out, context.Cancellation, Progress).ConfigureAwait(false);
            else await BenchRunner.RunAsync(parsed.Settings, Console.Out, context.Cancellation, Progress).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine($"netgear bench: interrupted, no result ({context.StopReason()})");
            return context.InterruptedExitCode();
        }
        return ExitCodes.Ok;
    }

    private static SecureMode Secure(string text)
        => OptionWords.Secure(text) ?? throw new UsageException("--secure", $"'{text}' is not allowed; use none, stonehouse or ironhouse.");

    private static double? MaxInFlight(double? megabytes) => megabytes is not { } mb || mb is >= 0 and <= 1_000_000
        ? megabytes
        : throw new UsageException("--max-in-flight-mb", $"{mb.ToString(System.Globalization.CultureInfo.InvariantCulture)} is outside the allowed range 0-1000000 (MB; 0: no flow control).");
}
