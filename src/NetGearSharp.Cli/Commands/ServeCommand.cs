using System.CommandLine;

namespace NetGearSharp.Cli.Commands;

/// <summary>
/// <c>netgear serve</c>: one server (a camera box) sending frames from a source until the source ends,
/// <c>--frames</c> are sent, or Ctrl+C; then it says goodbye.
/// </summary>
internal sealed class ServeCommand : ICliCommand
{
    private readonly Option<int?> _port = new("--port", "-p") { HelpName = "PORT", Description = "This server's port, 1-65535: its identity at the client. Required unless --multiclient." };
    private readonly Option<bool> _multiClient = new("--multiclient") { Description = "Multi-client mode: send to every client of --ports (reqrep: to each in turn, each returns data; pubsub: every frame to all)." };
    private readonly Option<string?> _ports = new("--ports") { HelpName = "PORT,PORT,...", Description = "With --multiclient: the clients' ports, comma-separated (e.g. 5577,5578); instead of --port." };
    private readonly Option<bool> _bidirectional = new("--bidirectional") { Description = "Bidirectional mode (reqrep): the client returns data with each answer; every returned value is printed." };
    private readonly Option<string> _address = new("--address", "-a") { HelpName = "HOST", Description = "The client's host or IP address.", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<string> _pattern = new("--pattern") { HelpName = "reqrep|pubsub", Description = "reqrep (every frame acknowledged) or pubsub (newest frame wins).", DefaultValueFactory = _ => "reqrep" };
    private readonly Option<string> _transport = new("--transport") { HelpName = "auto|netmq|native", Description = "auto (the system's libzmq where it loads, else NetMQ; logged), netmq (managed, needs nothing installed) or native (the system's libzmq: apt-get install libzmq5).", DefaultValueFactory = _ => "auto" };
    private readonly Option<string> _source = new("--source", "-s") { HelpName = "testsrc|camera:N|FILE", Description = "testsrc (moving test pattern), camera:N, or a video file.", DefaultValueFactory = _ => "testsrc" };
    private readonly Option<string?> _size = new("--size") { HelpName = "WIDTHxHEIGHT", Description = "Frame size in pixels, e.g. 1280x720. Default: 640x480 for testsrc and cameras, a file's own size." };
    private readonly Option<double?> _fps = new("--fps") { HelpName = "FPS", Description = "Frames per second, 0.01-1000 (0: as fast as possible). Default: 30, or a file's own rate." };
    private readonly Option<long?> _frames = new("--frames", "-n") { HelpName = "COUNT", Description = "Stop after this many frames. Default: until the source ends or Ctrl+C." };
    private readonly Option<string?> _message = new("--message", "-m") { HelpName = "JSON|TEXT", Description = "Message sent with every frame: JSON if it parses as JSON, otherwise a string." };
    private readonly Option<bool> _jpeg = new("--jpeg") { Description = "Compress frames as JPEG (as VidGear does with simplejpeg)." };
    private readonly Option<int> _jpegQuality = new("--jpeg-quality") { HelpName = "10-100", Description = "JPEG quality 10-100.", DefaultValueFactory = _ => 90 };
    private readonly Option<string> _jpegSubsampling = new("--jpeg-subsampling") { HelpName = "420|422|444", Description = "JPEG chroma subsampling: 420 (least work, smallest frames), 422 (VidGear's, through simplejpeg) or 444 (full colour).", DefaultValueFactory = _ => "420" };
    private readonly Option<bool> _loop = new("--loop") { Description = "Loop a video file." };
    private readonly Option<string> _maxRetries = new("--max-retries") { HelpName = "N|forever", Description = "reqrep: after N reply timeouts in a row give up (exit code 1); forever: keep resending until the viewer answers again (a restarted viewer), or Ctrl+C.", DefaultValueFactory = _ => "forever" };
    private readonly Option<double> _requestTimeout = new("--request-timeout") { HelpName = "SECONDS", Description = "reqrep: how long to wait for the viewer's reply to a frame before reconnecting and sending it again, 0.1-3600.", DefaultValueFactory = _ => 4.0 };
    private readonly SecureOptions _secure = new();

    /// <inheritdoc />
    public Command Build()
    {
        var command = new Command("serve", "Send frames (and a message) to a netgear or VidGear client, then say goodbye.")
        {
            _port, _multiClient, _ports, _bidirectional, _address, _pattern, _source, _size, _fps, _frames, _message, _jpeg, _jpegQuality, _jpegSubsampling, _loop, _maxRetries, _requestTimeout, _transport,
        };
        _secure.AddTo(command);
        CommandRunner.SetAction(command, Parse, (settings, context) => new Serving.ServeRunner(settings, Console.Out).RunAsync(context));
        return command;
    }

    /// <summary>Checks the arguments into settings.</summary>
    /// <exception cref="UsageException">An argument is invalid.</exception>
    public ServeSettings Parse(ParseResult result)
    {
        var quality = ArgumentParsers.Range(result.GetValue(_jpegQuality), 10, 100, "--jpeg-quality");
        var subsampling = ArgumentParsers.Subsampling(result.GetValue(_jpegSubsampling)!, "--jpeg-subsampling");
        foreach (var jpegOnly in new Option[] { _jpegQuality, _jpegSubsampling })
        {
            if (!result.GetValue(_jpeg) && NatsViewOptions.Given(result, jpegOnly))
                throw new UsageException(jpegOnly.Name, "needs --jpeg (frames are sent raw without it).");
        }
        var frames = result.GetValue(_frames);
        if (frames is < 1) throw new UsageException("--frames", $"{frames} is not allowed; give 1 or more (or leave it out to send until the source ends).");
        var source = SourceSpec.Parse(result.GetValue(_source));
        var loop = result.GetValue(_loop);
        if (loop && source is not VideoFileSpec) throw new UsageException("--loop", "only a video file can loop; --source is not a file.");
        var address = result.GetValue(_address) ?? "";
        if (address.Trim() is "" or "*") throw new UsageException("--address", $"'{address}' is not allowed; give the client's host name or IP address (e.g. 127.0.0.1).");
        // A name is kept (the transport connects to it), but it must resolve: otherwise the server would wait for ever.
        HostNames.Resolve(address, "--address", "give the client's host name or IP address (e.g. 127.0.0.1)");
        var multiClient = result.GetValue(_multiClient);
        var portsText = result.GetValue(_ports);
        var port = result.GetValue(_port);
        IReadOnlyList<int>? clientPorts = null;
        if (multiClient)
        {
            if (port is not null) throw new UsageException("--port", "is not used with --multiclient; list the clients' ports with --ports A,B,...");
            clientPorts = ArgumentParsers.PortList(portsText, "--ports");
        }
        else
        {
            if (portsText is not null) throw new UsageException("--ports", "needs --multiclient; a single server takes --port.");
            if (port is null) throw new UsageException("--port", "is required (or --multiclient with --ports A,B,...).");
        }
        var pattern = ArgumentParsers.Pattern(result.GetValue(_pattern)!, "--pattern");
        var bidirectional = result.GetValue(_bidirectional);
        if (bidirectional && pattern == NetGearPattern.PubSub)
            throw new UsageException("--bidirectional", "does not work with --pattern pubsub (nothing is answered); use --pattern reqrep.");
        foreach (var replyOnly in new Option[] { _maxRetries, _requestTimeout })
        {
            if (pattern == NetGearPattern.PubSub && NatsViewOptions.Given(result, replyOnly))
                throw new UsageException(replyOnly.Name, "is for --pattern reqrep; a pubsub server waits for no reply (it sends on whether a viewer receives or not).");
        }
        return new ServeSettings
        {
            MaxRetries = ArgumentParsers.MaxRetries(result.GetValue(_maxRetries)!, "--max-retries"),
            RequestTimeout = ArgumentParsers.RequestTimeout(result.GetValue(_requestTimeout), "--request-timeout"),
            Port = clientPorts?[0] ?? ArgumentParsers.Port(port!.Value, "--port"),
            ClientPorts = clientPorts,
            Bidirectional = bidirectional,
            Address = address,
            Pattern = pattern,
            Transport = ArgumentParsers.Transport(result.GetValue(_transport)!, "--transport"),
            Source = source,
            Size = result.GetValue(_size) is { } size ? ArgumentParsers.Size(size, "--size") : null,
            Fps = result.GetValue(_fps) is { } fps ? ArgumentParsers.Fps(fps, "--fps") : null,
            Frames = frames,
            Message = ArgumentParsers.Message(result.GetValue(_message)),
            Jpeg = result.GetValue(_jpeg) ? JpegOptions.Default with { Quality = quality, Subsampling = subsampling } : JpegOptions.Off,
            Loop = loop,
            Security = _secure.Parse(result),
        };
    }
}
