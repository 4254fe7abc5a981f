using System.CommandLine;

namespace NetGearSharp.Cli.Commands;

/// <summary>
/// <c>netgear view</c>: the client. Receives from every server of <c>--ports</c>, shows a live table (or plain lines),
/// optionally the montage window and recordings, and ends by itself when every server is gone.
/// </summary>
internal sealed class ViewCommand : ICliCommand
{
    private readonly Option<string?> _ports = new("--ports", "-p") { HelpName = "PORT,PORT,...", Description = "The servers' ports, comma-separated (e.g. 5566,5567). Required unless --from." };
    private readonly NatsViewOptions _nats = new();
    private readonly Option<string> _address = new("--address", "-a") { HelpName = "ADDRESS", Description = "Local address to bind: * (all IPv4 interfaces), :: (all IPv6 ones), an IP address, or a host name (bound as its IP address; localhost: 127.0.0.1).", DefaultValueFactory = _ => "*" };
    private readonly Option<string> _pattern = new("--pattern") { HelpName = "reqrep|pubsub", Description = "reqrep or pubsub; must match the servers.", DefaultValueFactory = _ => "reqrep" };
    private readonly Option<string> _transport = new("--transport") { HelpName = "auto|netmq|native", Description = "auto (the system's libzmq where it loads, else NetMQ; logged), netmq (managed, needs nothing installed) or native (the system's libzmq: apt-get install libzmq5).", DefaultValueFactory = _ => "auto" };
    private readonly Option<bool> _bidirectional = new("--bidirectional") { Description = "Bidirectional mode (reqrep): answer every frame with --return data (the server whose frame is answered gets it)." };
    private readonly Option<string?> _return = new("--return") { HelpName = "JSON|TEXT", Description = "With --bidirectional or --multiclient: the data returned with every answer, JSON if it parses as JSON, otherwise a string." };
    private readonly Option<bool> _multiClient = new("--multiclient") { Description = "Multi-client mode: this is one of several clients of one server; --ports is this client's one port." };
    private readonly Option<string?> _filter = new("--filter") { HelpName = "PORT,PORT,...", Description = "Accept frames only from these ports (comma-separated, a subset of --ports)." };
    private readonly Option<string[]> _forwardedPort = new("--forwarded-port") { HelpName = "NAMED=PORT", Description = "A server behind a port forward (Docker -p, ssh -L, NAT) names the port it dials, NAMED; take its frames as the server of PORT (one of --ports, where its connections arrive). Repeat it, or comma-separate: 15566=5566,15567=5567." };
    private readonly Option<bool> _window = new("--window", "-w") { Description = "Show the montage in an OpenCV window (needs a display)." };
    private readonly Option<string?> _web = new("--web") { HelpName = "[ADDR:]PORT", Description = "Serve a live web page of every server at [ADDR:]PORT (address 127.0.0.1 unless given; * for every interface)." };
    private readonly Option<string?> _record = new("--record") { HelpName = "DIRECTORY", Description = "Write each server's stream to DIRECTORY/netgear-PORT-yyyyMMddTHHmmssZ.avi (Motion-JPEG, named by the UTC time each file starts); the directory is created if needed." };
    private readonly Option<double> _recordSegment = new("--record-segment") { HelpName = "SECONDS", Description = "With --record: start a new file for each server every SECONDS seconds (at least 1; 0: one file per server for the whole view).", DefaultValueFactory = _ => DefaultRecordSegmentSeconds };
    private readonly Option<string> _summary = new("--summary") { HelpName = "text|json", Description = "text, or json: exactly one JSON object on stdout at the end.", DefaultValueFactory = _ => "text" };
    private readonly Option<bool> _keepOpen = new("--keep-open") { Description = "Do not end when every server is gone: keep waiting for them to come back (a restarted camera, a link up again) until Ctrl+C, q or the window is closed. Not with --wait-first." };
    private readonly Option<double?> _waitFirst = new("--wait-first") { HelpName = "SECONDS", Description = "Seconds to wait for servers that have not connected; then they are given up (none at all: exit code 1; with --from: no forwarded server seen). Default: for ever." };
    private readonly Option<double> _staleAfter = new("--stale-after") { HelpName = "SECONDS", Description = "Seconds without a frame before a server is shown as stale.", DefaultValueFactory = _ => 2.0 };
    private readonly Option<double> _lostAfter = new("--lost-after") { HelpName = "SECONDS", Description = "Seconds after a disconnect without goodbye before a server is lost.", DefaultValueFactory = _ => 0.5 };
    private readonly SecureOptions _secure = new();

    /// <summary>The default of <c>--record-segment</c>: an hour of a server's stream per file.</summary>
    internal const double DefaultRecordSegmentSeconds = 3600;

    private const string MissingPorts = "Option '--ports' is required. Give the servers' ports (e.g. 5566,5567), or --from to read forwarded streams from NATS.";

    /// <inheritdoc />
    public Command Build()
    {
        var command = new Command("view", "Receive from many servers: live table, montage window, recording; ends when every server is gone.")
        {
            _ports, _address, _pattern, _bidirectional, _return, _multiClient, _filter, _forwardedPort, _window, _web, _record, _recordSegment, _summary, _keepOpen, _waitFirst, _staleAfter, _lostAfter, _transport,
        };
        foreach (var option in _nats.All) command.Options.Add(option);
        _secure.AddTo(command);
        // --ports is required unless --from is given: a parse error, so it reads (and hints at --help) as the parser's own.
        // Presence only: reading a value the parser could not convert (--ports without a value, --ports twice) throws,
        // and the parser reports those itself.
        command.Validators.Add(result =>
        {
            if (result.GetResult(_ports) is null && !_nats.HasFrom(result)) result.AddError(MissingPorts);
        });
        CommandRunner.SetAction(command, Parse, (settings, context) => new Viewing.ViewRunner(settings).RunAsync(context));
        return command;
    }

    /// <summary>Checks the arguments into settings.</summary>
    /// <exception cref="UsageException">An argument is invalid.</exception>
    public ViewSettings Parse(ParseResult result)
    {
        var nats = _nats.Parse(result);
        if (_nats.HasFrom(result)) RefuseLocalOnly(result);
        var portsText = result.GetValue(_ports);
        if (portsText is null && !_nats.HasFrom(result)) throw new UsageException("--ports", "is required (the servers' ports, e.g. 5566,5567), unless --from reads forwarded streams from NATS.");
        if (portsText is not null && _nats.HasFrom(result)) throw new UsageException("--ports", "cannot be combined with --from; the servers are the forwarded ones.");
        var ports = portsText is null ? [] : ArgumentParsers.PortList(portsText, "--ports");
        IReadOnlyList<int>? filter = null;
        if (result.GetValue(_filter) is { } filterText)
        {
            filter = ArgumentParsers.PortList(filterText, "--filter");
            foreach (var port in filter)
            {
                if (!ports.Contains(port)) throw new UsageException("--filter", $"port {port} is not in --ports {string.Join(",", ports)}; a filter keeps a subset of them.");
            }
        }
        var record = result.GetValue(_record);
        if (record is not null && (record.Trim().Length == 0 || File.Exists(record)))
            throw new UsageException("--record", $"'{record}' is not a directory; give a directory for the video files (it is created if needed).");
        var segment = RecordSegment(result.GetValue(_recordSegment));
        if (record is null && NatsViewOptions.Given(result, _recordSegment))
            throw new UsageException("--record-segment", "needs --record (the directory the files go to).");
        if (record is not null) Writable(record);
        var address = result.GetValue(_address) ?? "";
        if (address.Trim().Length == 0) throw new UsageException("--address", "is empty; give * (all interfaces), a host name or an IP address.");
        address = BindAddress(address);
        var pattern = ArgumentParsers.Pattern(result.GetValue(_pattern)!, "--pattern");
        var bidirectional = result.GetValue(_bidirectional);
        var multiClient = result.GetValue(_multiClient);
        if (bidirectional && pattern == NetGearPattern.PubSub)
            throw new UsageException("--bidirectional", "does not work with --pattern pubsub (nothing is answered); use --pattern reqrep.");
        if ((bidirectional || multiClient) && _nats.HasFrom(result))
            throw new UsageException(bidirectional ? "--bidirectional" : "--multiclient", "cannot be combined with --from; streams read from NATS are not answered.");
        if (multiClient && ports.Count != 1)
            throw new UsageException("--ports", $"lists {ports.Count} ports; with --multiclient give this client's one port.");
        var forwarded = result.GetValue(_forwardedPort) is { Length: > 0 } forwards ? ArgumentParsers.ForwardedPorts(forwards, ports, "--forwarded-port") : null;
        if (forwarded is not null && multiClient)
            throw new UsageException("--forwarded-port", "does not work with --multiclient: this viewer's one server is taken from its port, whatever it names.");
        var returnText = result.GetValue(_return);
        if (returnText is not null && !bidirectional && !multiClient)
            throw new UsageException("--return", "needs --bidirectional or --multiclient (otherwise nothing is returned).");
        if (returnText is not null && pattern == NetGearPattern.PubSub)
            throw new UsageException("--return", "does not work with --pattern pubsub (nothing is answered, so nothing is returned); use --pattern reqrep.");
        return new ViewSettings
        {
            Bidirectional = bidirectional,
            MultiClient = multiClient,
            ReturnData = returnText is null ? null : NetGearReturnData.FromValue(ArgumentParsers.Message(returnText)),
            Ports = ports,
            Address = address,
            Pattern = pattern,
            Transport = ArgumentParsers.Transport(result.GetValue(_transport)!, "--transport"),
            Filter = filter,
            ForwardedPorts = forwarded,
            Window = result.GetValue(_window),
            Web = result.GetValue(_web) is { } web ? WebEndpoint.Parse(web, "--web") : null,
            RecordDirectory = record,
            RecordSegment = segment,
            Summary = ArgumentParsers.Choice<SummaryFormat>(result.GetValue(_summary)!, "--summary"),
            WaitFirst = result.GetValue(_waitFirst) is { } wait ? ArgumentParsers.Seconds(wait, "--wait-first") : null,
            KeepOpen = KeepOpen(result),
            StaleAfter = ArgumentParsers.Seconds(result.GetValue(_staleAfter), "--stale-after"),
            LostAfter = ArgumentParsers.Seconds(result.GetValue(_lostAfter), "--lost-after", allowZero: true),
            Nats = nats,
            Security = _secure.Parse(result),
        };
    }

    /// <summary><c>--keep-open</c>, refused with <c>--wait-first</c> (which gives servers up so that the view can end).</summary>
    private bool KeepOpen(ParseResult result)
    {
        var keepOpen = result.GetValue(_keepOpen);
        if (keepOpen && NatsViewOptions.Given(result, _waitFirst))
            throw new UsageException("--keep-open", "cannot be combined with --wait-first: --wait-first gives up servers that never came so that the view can end, and --keep-open never ends it by itself.");
        return keepOpen;
    }

    /// <summary><c>--record-segment</c>: 0 for one file per server (null), else from a second up to a year.</summary>
    private static TimeSpan? RecordSegment(double seconds)
    {
        var length = ArgumentParsers.Seconds(seconds, "--record-segment", allowZero: true);
        if (length == TimeSpan.Zero) return null;
        if (length < OpenCv.StreamRecorder.MinSegmentLength)
            throw new UsageException("--record-segment", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{seconds} is not allowed; give at least {OpenCv.StreamRecorder.MinSegmentLength.TotalSeconds:0} second per file (up to {ArgumentParsers.MaxSeconds}, 365 days), or 0 for one file per server."));
        return length;
    }

    /// <summary>
    /// Checks up front that the recording's folder can be made and written to (before: 'could not find file' after
    /// 'listening', at the first frame, without naming --record). Makes the folder, as the recording would.
    /// </summary>
    private static void Writable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            if (!Directory.Exists(directory)) throw new IOException("the folder cannot be made there"); // e.g. under /proc, which says nothing
            using var probe = new FileStream(Path.Combine(directory, $".netgear-write-test-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write,
                FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException("--record", $"cannot write to '{directory}' ({ex.Message.TrimEnd('.')}); give a folder you can write to (it is created if needed).");
        }
    }

    /// <summary>
    /// With <c>--from</c> nothing is bound and no server connects here: the options for the local servers' connections
    /// (and the web page, which shows a local client) would be ignored, so they are refused.
    /// </summary>
    private void RefuseLocalOnly(ParseResult result)
    {
        if (NatsViewOptions.Given(result, _web))
            throw new UsageException("--web", "cannot be combined with --from; the web page shows a viewer's own servers: give --web to the viewer that forwards (--forward).");
        foreach (var option in new Option[] { _address, _pattern, _transport, _filter, _forwardedPort, _staleAfter, _lostAfter, _secure.Secure, _secure.Keys })
        {
            if (NatsViewOptions.Given(result, option))
                throw new UsageException(option.Name, "cannot be combined with --from; it is for the servers' connections to this viewer, and --from binds none: give it to the viewer that forwards (--forward).");
        }
    }

    /// <summary>
    /// The address to bind: <c>*</c> or an IP address as given, a host name as its IP address (IPv4 first; localhost is
    /// 127.0.0.1). libzmq binds an IP address or an interface name, not a host name (<c>localhost</c> fails with 'No
    /// such device'), and NetMQ binds a name's first IPv4 address: resolved here, both bind the same.
    /// </summary>
    private static string BindAddress(string address)
    {
        if (address == "*") return address;
        var resolved = HostNames.Resolve(address, "--address", "give * (all interfaces), an IP address of this machine or a host name that resolves to one");
        return resolved[0].ToString();
    }
}
