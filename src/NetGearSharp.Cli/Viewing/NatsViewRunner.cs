using System.Globalization;
using NetGearSharp.Nats;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// <c>netgear view --from nats://…</c>: shows (or, with <c>--queue</c>, consumes as one worker) the streams forwarded
/// to NATS like local ones: the live table, the montage window, recording, the summary; ends by itself when every
/// forwarded server has ended.
/// </summary>
internal sealed class NatsViewRunner
{
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
        var mode = _nats.Queue is null ? "nats" : $"nats, queue {_nats.Queue}";
        var display = ViewSession.CreateDisplay(s, $"{_title} ({mode})", out var terminal);
        using var warnings = terminal ? context.Warnings?.RouteTo(display.Note) : null; // see ViewRunner

        NatsPacketSource source;
        try
        {
            source = await NatsPacketSource.ConnectAsync(NatsLink.Source(_nats, s.KeepOpen, context.LoggerFactory), context.Cancellation).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw UsageException.FromCore(ex);
        }
        await using (source.ConfigureAwait(false))
        {
            source.ServerStateChanged += (_, e) => display.OnStateChanged(e);
            var urls = NatsUrlText.Redacted(_nats.FromUrls!);
            source.LinkChanged += (_, e) => display.Note(NatsLinkLines.Reader(e, urls));
            if (!terminal) display.Note($"reading {_nats.Prefix}.* from {NatsUrlText.Redacted(_nats.FromUrls!)} ({mode}{(_nats.JetStream ? ", JetStream" : "")})");
            using var session = new ViewSession(s, _title, new NatsViewSource(source, s.WaitFirst), display);
            var outcome = await session.RunAsync(alsoConsume: null, context.Cancellation).ConfigureAwait(false);

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
                $"nats: {stats.Frames} frames, {stats.UpstreamDropped} dropped by the forwarders, {stats.Dropped} dropped here (slow reader), {stats.Gaps} missing in sequence, {stats.Malformed} malformed{(stats.Malformed > 0 && !context.Verbose ? " (--verbose logs why)" : "")}");
            if (json)
            {
                SummaryWriter.WriteJson(Console.OpenStandardOutput(), servers, clientStats, NatsSummaryJson.Source(stats));
                Console.Error.WriteLine(natsLine);
            }
            else
            {
                SummaryWriter.WriteText(Console.Out, terminal, servers, clientStats, Describe(outcome, context));
                Console.Out.WriteLine(natsLine);
            }
            if (outcome == ViewOutcome.NoServerInTime)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{_title}: error: no forwarded server seen on {NatsUrlText.Redacted(_nats.FromUrls!)} (subjects {_nats.Prefix}.*) within --wait-first {s.WaitFirst!.Value.TotalSeconds:0.##} s"));
                return ExitCodes.Failure;
            }
            // The source failed (its error is on stderr already, e.g. a JetStream stream not found): a failure, not an end.
            if (source.IsCompleted && await source.Completion.ConfigureAwait(false) == NatsSourceEndReason.Failed) return ExitCodes.Failure;
            return ExitCodes.Ok;
        }
    }

    private static string Describe(ViewOutcome outcome, RunContext context) => outcome switch
    {
        ViewOutcome.AllServersGone => "every forwarded server has ended",
        ViewOutcome.Interrupted => context.StopReason(),
        ViewOutcome.WindowClosed => "window closed",
        ViewOutcome.NoServerInTime => "no forwarded server in time",
        _ => "source ended",
    };
}
