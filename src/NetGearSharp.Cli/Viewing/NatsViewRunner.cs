using System.Globalization;
using NetGearSharp.Nats;
using NetGearSharp.OpenCv;
using Spectre.Console;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// <c>netgear view --from nats://…</c>: shows (or, with <c>--queue</c>, consumes as one worker) the streams forwarded
/// to NATS like local ones: the live table, the montage window, recording, the summary; ends by itself when every
/// forwarded server has ended.
/// </summary>
internal sealed class NatsViewRunner
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly ViewSettings _settings;
    private readonly NatsViewSettings _nats;
    private readonly string _title;

    /// <summary>Creates the runner.</summary>
    public NatsViewRunner(ViewSettings settings, string title)
    {
        _settings = settings;
        _nats = settings.Nats!;
        _title = title;
    }

    /// <summary>Reads until every forwarded server has ended (or Ctrl+C), prints the summary and returns the exit code.</summary>
    public async Task<int> RunAsync(RunContext context)
    {
        var s = _settings;
        var json = s.Summary == SummaryFormat.Json;
        var statusOut = json ? Console.Error : Console.Out;
        var terminal = json ? !Console.IsErrorRedirected : !Console.IsOutputRedirected;
        var mode = _nats.Queue is null ? "nats" : $"nats, queue {_nats.Queue}";
        IStatusDisplay display = terminal
            ? new LiveTableDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(statusOut) }), $"{_title} ({mode})")
            : new PlainLinesDisplay(statusOut);

        NatsPacketSource source;
        try
        {
            source = await NatsPacketSource.ConnectAsync(NatsLink.Source(_nats, context.LoggerFactory), context.Cancellation).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw UsageException.FromCore(ex);
        }
        await using (source.ConfigureAwait(false))
        {
            source.ServerStateChanged += (_, e) => display.OnStateChanged(e);
            if (!terminal) display.Note($"reading {_nats.Prefix}.* from {string.Join(",", _nats.FromUrls!)} ({mode}{(_nats.JetStream ? ", JetStream" : "")})");
            using var recording = s.RecordDirectory is null ? null : new RecordingSink(s.RecordDirectory, display.Note);
            using var images = new LatestImages();
            using var window = StartWindow(images, source, display);
            using var stopDisplay = new CancellationTokenSource();
            var displayTask = display.RunAsync(() => source.Servers, stopDisplay.Token);
            ViewOutcome outcome;
            try
            {
                outcome = await ReceiveAsync(source, recording, window is null ? null : images, window, context.Cancellation).ConfigureAwait(false);
            }
            finally
            {
                stopDisplay.Cancel();
                await displayTask.ConfigureAwait(false);
            }
            window?.Dispose();
            if (recording is not null) display.Note($"recorded {recording.Files.Count} file(s) in {recording.Directory}");

            var servers = source.Servers;
            var stats = source.Statistics;
            var clientStats = new ClientStatistics
            {
                TotalFrames = stats.Frames,
                FilteredOut = 0,
                Malformed = stats.Malformed,
                MalformedUnknown = 0,
                MalformedByKind = new Dictionary<MalformedKind, long>(),
            };
            var natsLine = string.Create(CultureInfo.InvariantCulture,
                $"nats: {stats.Frames} frames, {stats.UpstreamDropped} dropped by the forwarders, {stats.Dropped} dropped here (slow reader), {stats.Gaps} missing in sequence");
            if (json)
            {
                SummaryWriter.WriteJson(Console.OpenStandardOutput(), servers, clientStats);
                Console.Error.WriteLine(natsLine);
            }
            else
            {
                SummaryWriter.WriteText(Console.Out, terminal, servers, clientStats, Describe(outcome));
                Console.Out.WriteLine(natsLine);
            }
            return ExitCodes.Ok;
        }
    }

    private MontageWindowLoop? StartWindow(LatestImages images, NatsPacketSource source, IStatusDisplay display)
    {
        if (!_settings.Window) return null;
        if (!MatWindow.IsDisplayAvailable(out var reason))
        {
            display.Note($"montage window skipped: {reason}; showing the table only");
            return null;
        }
        var (w, h) = _settings.TileSize;
        var loop = new MontageWindowLoop(images, new MontageBuilder(w, h), () => source.Servers, _title, display.Note);
        loop.Start();
        return loop;
    }

    private static async Task<ViewOutcome> ReceiveAsync(NatsPacketSource source, RecordingSink? recording, LatestImages? images, MontageWindowLoop? window, CancellationToken cancellation)
    {
        while (true)
        {
            if (cancellation.IsCancellationRequested) return ViewOutcome.Interrupted;
            if (window is { UserClosed: true }) return ViewOutcome.WindowClosed;
            NetGearPacket? packet;
            try
            {
                packet = await source.ReceiveAsync(Poll, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return ViewOutcome.Interrupted;
            }
            if (packet is not null)
            {
                using (packet)
                {
                    recording?.Write(packet);
                    images?.Update(packet);
                }
                continue;
            }
            if (source.IsCompleted) return source.Completion.Result == NatsSourceEndReason.AllServersGone ? ViewOutcome.AllServersGone : ViewOutcome.ClientEnded;
        }
    }

    private static string Describe(ViewOutcome outcome) => outcome switch
    {
        ViewOutcome.AllServersGone => "every forwarded server has ended",
        ViewOutcome.Interrupted => "stopped by Ctrl+C",
        ViewOutcome.WindowClosed => "window closed",
        _ => "source ended",
    };
}
