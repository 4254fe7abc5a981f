using NetGearSharp.AspNetCore;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// Runs <c>netgear view</c>: the client, the live status, the optional montage window and recording, the end
/// condition and the summary.
/// </summary>
internal sealed class ViewRunner
{
    private readonly ViewSettings _settings;
    private readonly string _title;

    /// <summary>Creates the runner.</summary>
    public ViewRunner(ViewSettings settings, string title = "netgear view")
    {
        _settings = settings;
        _title = title;
    }

    /// <summary>
    /// Called once the client is bound and the view is set up, before it receives: the demo starts its servers here,
    /// so that none of them finishes before the viewer listens.
    /// </summary>
    public Action? Listening { get; init; }

    /// <summary>
    /// Awaited once the view has ended (every server gone, the window closed, Ctrl+C), while the client is still open:
    /// the demo stops its servers here, so that their goodbyes reach a client that answers them instead of a closed one.
    /// </summary>
    public Func<Task>? Ended { get; init; }

    /// <summary>Whether the first-server wait is the user's <c>--wait-first</c> (false: the demo's own, which the error then does not call an option).</summary>
    public bool WaitFirstIsOption { get; init; } = true;

    /// <summary>Receives until every server is gone (or Ctrl+C), prints the summary and returns the exit code.</summary>
    public async Task<int> RunAsync(RunContext context)
    {
        var s = _settings;
        if (s.Nats?.FromUrls is not null) return await new NatsViewRunner(s, _title).RunAsync(context).ConfigureAwait(false);
        var json = s.Summary == SummaryFormat.Json;
        var display = ViewSession.CreateDisplay(s, $"{_title} ({s.Pattern.ToString().ToLowerInvariant()})", out var terminal);
        // A live table redraws itself in place: the library's warnings go into its notes, not past it.
        using var warnings = terminal ? context.Warnings?.RouteTo(display.Note) : null;

        var client = CreateClient(context.LoggerFactory);
        try
        {
            client.ServerStateChanged += (_, e) => display.OnStateChanged(e);
            if (!terminal) display.Note($"listening on {string.Join(", ", client.Endpoints)} ({s.Pattern.ToString().ToLowerInvariant()})");
            using var session = new ViewSession(s, _title, new ClientViewSource(client), display);
            await using var forward = s.Nats?.ForwardUrls is null ? null
                : await NatsForwarding.StartAsync(s.Nats, client, display, context.LoggerFactory, context.Cancellation).ConfigureAwait(false);
            using var live = s.Web is null ? null : new NetGearLiveView(client, new NetGearWebOptions { Title = _title, MontageTileSize = s.TileSize });
            await using var web = live is null ? null : await WebPage.StartAsync(live, s.Web!, display.Note, context.Cancellation).ConfigureAwait(false);

            Action<NetGearPacket>? alsoConsume = forward is null && live is null ? null : packet =>
            {
                forward?.Post(packet);
                live?.Observe(packet);
            };
            Listening?.Invoke();
            var outcome = await session.RunAsync(alsoConsume, context.Cancellation).ConfigureAwait(false);
            if (Ended is not null) await Ended().ConfigureAwait(false);
            if (forward is not null) display.Note(await forward.CompleteAsync().ConfigureAwait(false));

            var servers = client.Servers;
            var statistics = client.Statistics;
            if (json) SummaryWriter.WriteJson(Console.OpenStandardOutput(), servers, statistics, forward is null ? null : NatsSummaryJson.Forwarder(forward.Statistics));
            else SummaryWriter.WriteText(Console.Out, terminal, servers, statistics, Describe(outcome, context) + (outcome == ViewOutcome.AllServersGone ? GivenUp(servers) : ""));
            if (outcome == ViewOutcome.NoServerInTime)
            {
                Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{_title}: error: no server connected to port(s) {string.Join(",", s.Ports)} within {(WaitFirstIsOption ? "--wait-first " : "")}{s.WaitFirst!.Value.TotalSeconds:0.##} s"));
                return ExitCodes.Failure;
            }
            return ExitCodes.Ok;
        }
        finally
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private NetGearClient CreateClient(Microsoft.Extensions.Logging.ILoggerFactory logging)
    {
        var s = _settings;
        try
        {
            return new NetGearClient(new NetGearClientOptions
            {
                Address = s.Address,
                Ports = s.Ports,
                Pattern = s.Pattern,
                BidirectionalMode = s.Bidirectional,
                MultiClientMode = s.MultiClient,
                MultiServerMode = !s.MultiClient,
                ReturnData = s.ReturnData is { } data ? _ => data : null,
                Transport = s.Transport,
                CustomTransport = NetGearSharp.Bench.ToolEnvironment.TransportFor(s.Transport),
                Filter = s.Filter,
                ForwardedPorts = s.ForwardedPorts,
                // The library's end rule: every listed server comes and goes; after --wait-first, those that never came
                // are given up. --keep-open: none; servers that went may come back.
                AutoExit = !s.KeepOpen,
                WaitForAllServers = true,
                WaitForFirstServer = s.WaitFirst ?? Timeout.InfiniteTimeSpan,
                StaleAfter = s.StaleAfter,
                LostAfter = s.LostAfter,
                // The page and the NATS forwarder pass JPEG frames on as they came (never encoded again).
                KeepJpeg = s.Web is not null || s.Nats?.ForwardUrls is not null,
                SecureMode = s.Security.Mode,
                KeysDirectory = s.Security.KeysDirectory,
                LoggerFactory = logging,
            });
        }
        catch (ArgumentException ex)
        {
            throw UsageException.FromCore(ex);
        }
    }

    /// <summary>The servers that never connected, given up after the first-server wait (they still read <c>waiting</c>).</summary>
    private string GivenUp(IReadOnlyList<ServerInfo> servers)
    {
        var never = servers.Where(server => server.State == ServerState.Waiting).Select(server => server.Port).ToList();
        if (never.Count == 0 || _settings.WaitFirst is not { } wait || never.Count == servers.Count) return "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $" ({string.Join(",", never)} never connected: given up after {(WaitFirstIsOption ? "--wait-first " : "")}{wait.TotalSeconds:0.##} s)");
    }

    private static string Describe(ViewOutcome outcome, RunContext context) => outcome switch
    {
        ViewOutcome.AllServersGone => "every server is gone",
        ViewOutcome.Interrupted => context.StopReason(),
        ViewOutcome.WindowClosed => "window closed",
        ViewOutcome.NoServerInTime => "no server connected in time",
        _ => "client ended",
    };
}
