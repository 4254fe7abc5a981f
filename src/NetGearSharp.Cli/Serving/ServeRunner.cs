using System.Globalization;

namespace NetGearSharp.Cli.Serving;

/// <summary>Runs <c>netgear serve</c>: source, server, pump; the goodbye is always sent at the end.</summary>
internal sealed class ServeRunner
{
    private readonly ServeSettings _settings;
    private readonly TextWriter _out;

    /// <summary>Creates the runner.</summary>
    public ServeRunner(ServeSettings settings, TextWriter output)
    {
        _settings = settings;
        _out = output;
    }

    /// <summary>Sends until the source ends, the frame limit is reached or Ctrl+C; returns the exit code.</summary>
    public async Task<int> RunAsync(RunContext context)
    {
        var s = _settings;
        var nominalFps = s.Fps is > 0 ? s.Fps.Value : SourceFactory.DefaultFps;
        using var source = SourceFactory.Open(s.Source, s.Size, nominalFps, $"port {s.Port}", s.Loop);
        var fps = s.Fps ?? (source.FramesPerSecond > 0 ? source.FramesPerSecond : SourceFactory.DefaultFps);
        var server = ServerFactory.Create(new NetGearServerOptions
        {
            Address = s.Address,
            Port = s.ClientPorts is null ? s.Port : null,
            Ports = s.ClientPorts,
            MultiClientMode = s.ClientPorts is not null,
            MultiServerMode = s.ClientPorts is null,
            BidirectionalMode = s.Bidirectional,
            Pattern = s.Pattern,
            Transport = s.Transport,
            CustomTransport = NetGearSharp.Bench.ToolEnvironment.TransportFor(s.Transport),
            Jpeg = s.Jpeg,
            MaxRetries = s.MaxRetries,
            RequestTimeout = s.RequestTimeout,
            SecureMode = s.Security.Mode,
            KeysDirectory = s.Security.KeysDirectory,
            LoggerFactory = context.LoggerFactory,
        });
        var resize = s.Source is VideoFileSpec ? s.Size : null;
        var pump = new FramePump(source, server, _ => s.Message, fps, s.Frames, resize) { OnReply = PrintReply };
        var sent = resize is { } r && (r.Width != source.Width || r.Height != source.Height) ? $"{source.Description}, resized to {r.Width}x{r.Height}," : source.Description;
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"netgear serve: {sent} at {(fps > 0 ? fps.ToString("0.##", CultureInfo.InvariantCulture) : "max")} fps to {server.Endpoint} ({s.Pattern.ToString().ToLowerInvariant()}{(s.Jpeg.Enabled ? $", jpeg q{s.Jpeg.Quality}" : "")}); Ctrl+C stops"));
        using var pumped = new CancellationTokenSource();
        var waitWarnings = s.Pattern == NetGearPattern.ReqRep
            ? ClientWaitWarnings.RunAsync(() => pump.Sent > 0, WaitingFor(server), WaitHint(s), Warn(context), pumped.Token)
            : Task.CompletedTask; // a publisher is never answered: it cannot tell whether a client receives
        try
        {
            await pump.RunOnThreadAsync($"netgear-serve-{s.Port}", context.Cancellation).ConfigureAwait(false);
        }
        finally
        {
            await pumped.CancelAsync().ConfigureAwait(false);
            await waitWarnings.ConfigureAwait(false);
            var acknowledged = server.Close();
            // Publish/Subscribe acknowledges nothing (Close says true there): the goodbye is only sent.
            var goodbye = s.Pattern == NetGearPattern.PubSub ? "sent" : acknowledged ? "acknowledged" : "sent, not acknowledged";
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"netgear serve: sent {pump.Sent} frame{(pump.Sent == 1 ? "" : "s")} ({server.BytesSent / 1024} KB); goodbye {goodbye}"));
        }
        return ExitCodes.Ok;
    }

    private static string WaitingFor(NetGearServer server) => server.Endpoint.Contains(',', StringComparison.Ordinal)
        ? $"the clients at {server.Endpoint}"
        : $"a client at {server.Endpoint}";

    private static string WaitHint(ServeSettings s)
    {
        var same = s.Security.Mode == SecureMode.Grasslands ? "the same --pattern" : "the same --pattern, --secure and keys";
        return s.ClientPorts is { } ports
            ? $"is 'netgear view --multiclient --ports N' running for each of ports {string.Join(",", ports)} there, with {same}?"
            : $"is 'netgear view --ports {s.Port}' running there, with {same}?";
    }

    /// <summary>Where the tool's own warnings go: as the library's (a live table's notes, else stderr).</summary>
    private static Action<string> Warn(RunContext context) => context.Warnings is { } lines ? lines.Write : Console.Error.WriteLine;

    /// <summary>Bidirectional and multi-client mode: one line per answer with what the client returned.</summary>
    private void PrintReply(long frame, NetGearReply reply)
    {
        using (reply)
        {
            var from = reply.Port is { } port ? $" from client {port}" : "";
            var what = reply.Frame is { } f ? f.ToString() : reply.DataJson ?? "null";
            lock (_out) _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"netgear serve: frame {frame} returned{from}: {reply.ReturnType} {what}"));
        }
    }
}
