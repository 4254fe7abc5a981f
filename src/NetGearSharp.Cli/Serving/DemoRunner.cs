using NetGearSharp.Cli.Viewing;
using NetGearSharp.OpenCv;

namespace NetGearSharp.Cli.Serving;

/// <summary>
/// Runs <c>netgear demo</c>: several test-pattern servers on threads of this process, on free loopback ports, and a
/// viewer. The servers stop (with their goodbye) after the duration or on Ctrl+C; the viewer then ends by itself.
/// </summary>
internal sealed class DemoRunner
{
    private static readonly TimeSpan ViewerGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long the viewer may still run once every server has stopped (their goodbyes normally end it at once).</summary>
    private static readonly TimeSpan AfterServers = TimeSpan.FromSeconds(1.5);
    private readonly DemoSettings _settings;

    /// <summary>Creates the runner.</summary>
    public DemoRunner(DemoSettings settings) => _settings = settings;

    /// <summary>Runs the demo; returns the exit code.</summary>
    public async Task<int> RunAsync(RunContext context)
    {
        var s = _settings;
        using var keys = DemoKeys.For(s.Security);
        s = s with { Security = keys.Settings };
        var ports = NetGearSharp.Bench.FreePorts.Take(s.Servers);
        var view = new ViewSettings
        {
            Ports = ports,
            Address = "127.0.0.1",
            Pattern = s.Pattern,
            Transport = s.Transport,
            Filter = null,
            Window = s.Window,
            RecordDirectory = null,
            RecordSegment = null,
            Summary = s.Summary,
            WaitFirst = TimeSpan.FromSeconds(15),
            StaleAfter = TimeSpan.FromSeconds(2),
            LostAfter = TimeSpan.FromMilliseconds(500),
            TileSize = s.Size,
            Web = s.Web,
            Security = s.Security,
        };
        var status = s.Summary == SummaryFormat.Json ? Console.Error : Console.Out;
        status.WriteLine($"netgear demo: {s.Servers} test-pattern server(s) on ports {string.Join(",", ports)}, {s.Size.Width}x{s.Size.Height} at {s.Fps:0.##} fps, " +
                         (s.Duration is { } d ? $"for {d.TotalSeconds:0.###} s" : "until Ctrl+C") +
                         (s.Window && !MatWindow.IsDisplayAvailable(out var reason) ? $" (montage window skipped: {reason})" : ""));

        using var serversStop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        using var viewerStop = new CancellationTokenSource();
        var stopReason = context.StopReason;
        // Ctrl+C stops the servers (they say goodbye, the viewer sees it); the viewer itself is stopped only if they hang.
        using var grace = context.Cancellation.Register(() => viewerStop.CancelAfter(ViewerGrace));

        // The servers start once the viewer is bound (so none finishes before it listens), and once all of them have
        // stopped the viewer is given AfterServers to see their goodbyes, then stopped: a demo never waits for servers
        // that are gone, whatever their goodbyes did.
        Task<Exception?>[] servers = [];
        var serversEnded = Task.CompletedTask;
        var viewer = new ViewRunner(view with { Window = view.Window && MatWindow.IsDisplayAvailable(out _) }, "netgear demo")
        {
            WaitFirstIsOption = false,
            Listening = () =>
            {
                servers = ports.Select((port, i) => RunServerAsync(s, port, i, context.LoggerFactory, serversStop.Token)
                    .ContinueWith(x => x.Exception?.GetBaseException(), TaskScheduler.Default)).ToArray();
                if (s.Duration is { } duration) serversStop.CancelAfter(duration);
                serversEnded = Task.WhenAll(servers).ContinueWith(_ =>
                {
                    if (!context.Cancellation.IsCancellationRequested) stopReason = () => "the demo's servers have stopped";
                    viewerStop.CancelAfter(AfterServers);
                }, TaskScheduler.Default);
            },
            // The view ended by itself (its window closed): the servers stop first, saying goodbye to a client that
            // still answers, instead of finding it gone ("No reply from the client … reconnecting").
            Ended = () =>
            {
                serversStop.Cancel();
                return serversEnded;
            },
        };
        int code;
        try
        {
            code = await viewer.RunAsync(context with { Cancellation = viewerStop.Token, StopReason = () => stopReason() }).ConfigureAwait(false);
        }
        finally
        {
            serversStop.Cancel();
            await serversEnded.ConfigureAwait(false);
        }
        var results = await Task.WhenAll(servers).ConfigureAwait(false);
        var failure = results.FirstOrDefault(e => e is not null);
        if (failure is not null) throw new InvalidOperationException($"a demo server failed: {failure.Message}", failure);
        return code;
    }

    private static async Task RunServerAsync(DemoSettings s, int port, int index, Microsoft.Extensions.Logging.ILoggerFactory logging, CancellationToken stop)
    {
        // Phases 97 apart: the demo's tiles never move in step (the port's own phase could meet another's).
        using var source = new TestPatternSource(s.Size.Width, s.Size.Height, s.Fps, $"port {port}", phase: 97L * index);
        var server = ServerFactory.Create(new NetGearServerOptions
        {
            Address = "127.0.0.1", Port = port, Pattern = s.Pattern, Transport = s.Transport,
            CustomTransport = NetGearSharp.Bench.ToolEnvironment.TransportFor(s.Transport), Jpeg = s.Jpeg, LoggerFactory = logging,
            SecureMode = s.Security.Mode, KeysDirectory = s.Security.KeysDirectory,
        });
        try
        {
            var camera = $"demo-{index + 1}";
            var pump = new FramePump(source, server, n => new { camera, frame = n }, s.Fps, maxFrames: null);
            await pump.RunOnThreadAsync($"netgear-demo-{port}", stop).ConfigureAwait(false);
        }
        finally
        {
            server.Close();
        }
    }
}
