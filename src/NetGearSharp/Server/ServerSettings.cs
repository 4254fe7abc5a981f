using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetGearSharp.Protocol;
using NetGearSharp.Transport;

namespace NetGearSharp.Server;

/// <summary>A server's options, validated once. Nothing here changes afterwards.</summary>
internal sealed class ServerSettings
{
    public const int DefaultPort = 5555;

    /// <summary>
    /// Kernel buffer of a Publish/Subscribe connection (both ends) once a backlog builds on it, in bytes
    /// (<see cref="SocketSpec.BacklogBufferBytes"/>); until then the OS's own.
    /// </summary>
    public const int PubSubSocketBuffer = 64 * 1024;

    private ServerSettings() { }

    public required string Endpoint { get; init; }
    public required int Port { get; init; }
    /// <summary>Every endpoint the socket connects to: one, or in multi-client mode one per client.</summary>
    public required IReadOnlyList<string> Endpoints { get; init; }
    public required bool MultiClient { get; init; }
    /// <summary>Whether the client answers with return data (bidirectional or multi-client mode, answering patterns).</summary>
    public required bool ReturnsData { get; init; }
    /// <summary>The port as the wire carries it (VidGear's string).</summary>
    public required string PortName { get; init; }
    public required bool MultiServer { get; init; }
    public required NetGearPattern Pattern { get; init; }
    public required JpegOptions Jpeg { get; init; }
    public required TimeSpan RequestTimeout { get; init; }
    public required int MaxRetries { get; init; }
    public required TimeSpan ConnectTimeout { get; init; }
    public required TimeSpan PublishConnectWait { get; init; }
    public required SocketSpec Socket { get; init; }
    /// <summary>
    /// The socket reports its connection's events (<see cref="SocketSpec.Monitor"/>): a sender awaiting a reply resends
    /// at once when the connection closes instead of after the request timeout.
    /// </summary>
    public required bool WatchesConnection { get; init; }
    public required ITransport Transport { get; init; }
    public required Timing.MonotonicClock Clock { get; init; }
    public required JsonSerializerOptions Json { get; init; }
    public required ILogger Logger { get; init; }

    public static ServerSettings From(NetGearServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate.Protocol(options.Protocol, nameof(options.Protocol));
        Validate.Pattern(options.Pattern, options.MultiServerMode, nameof(options.Pattern));
        Validate.Modes(options.Pattern, options.MultiServerMode, options.MultiClientMode, options.BidirectionalMode);
        var clientPorts = options.MultiClientMode ? ClientPorts(options.Ports) : null;
        if (!options.MultiClientMode && options.Ports is { Count: > 0 })
            throw new ArgumentException($"Ports [{string.Join(", ", options.Ports)}] is for multi-client mode (the clients' ports); without MultiClientMode a server sends to one client's Port. Give Port instead, or turn MultiClientMode on.", nameof(options.Ports));
        if (options.MultiServerMode && options.Port is null)
            throw new ArgumentException("Port is missing: a server in multi-server mode needs its own port, 1-65535, one of the client's ports.", nameof(options.Port));
        var port = clientPorts?[0] ?? Validate.Port(options.Port ?? DefaultPort, nameof(options.Port));
        var address = Validate.Address(options.Address, options.Protocol, bind: false, nameof(options.Address));
        Validate.Jpeg(options.Jpeg, nameof(options.Jpeg));
        Validate.NotInfinite(options.RequestTimeout, nameof(options.RequestTimeout), "give a positive time (default 4 s)");
        Validate.Positive(options.RequestTimeout, nameof(options.RequestTimeout));
        Validate.Positive(options.ConnectTimeout, nameof(options.ConnectTimeout));
        Validate.Wait(options.PublishConnectWait, nameof(options.PublishConnectWait));
        if (options.MaxRetries < 1)
            throw new ArgumentException($"MaxRetries {options.MaxRetries} must be 1 or more.", nameof(options.MaxRetries));
        Validate.HeartbeatInterval(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Validate.PositiveFinite(options.HeartbeatTimeout, nameof(options.HeartbeatTimeout));
        Validate.Transport(options.Transport, nameof(options.Transport));

        var logger = Logging.GuardedLogger.For<NetGearServer>(options.LoggerFactory);
        var transport = TransportSelection.Resolve(options.Transport, options.CustomTransport, logger);
        Security.CurveSettings.RequireSupported(options.SecureMode, transport, options.Transport, options.CustomTransport is not null, client: false);
        var kind = options.Pattern switch
        {
            NetGearPattern.Pair => SocketKind.Pair,
            NetGearPattern.ReqRep => SocketKind.Dealer, // framed as a REQ; see AcknowledgedSender
            _ => SocketKind.Pub,
        };
        var endpoints = (clientPorts ?? [port]).Select(p => NetGearSharp.Transport.Endpoints.Build(options.Protocol, address, p)).ToArray();
        // A sender awaiting replies over its one connection resends at once when that connection closes (NetMQ reports
        // connections on a thread of the socket's own, libzmq on its I/O thread); not with several clients on one socket.
        var watchesConnection = kind != SocketKind.Pub && endpoints.Length == 1;
        // Where the transport reports failed handshakes, a sender awaiting replies is told why a client does not accept it
        // (another secure mode, its key refused). Not a publisher: its socket's one monitor cuts buffers (BacklogBuffers).
        var monitor = watchesConnection || kind != SocketKind.Pub && TransportSelection.ReportsHandshakes(transport);
        return new ServerSettings
        {
            WatchesConnection = watchesConnection,
            Endpoint = string.Join(", ", endpoints),
            Port = port,
            PortName = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Endpoints = endpoints,
            MultiClient = options.MultiClientMode,
            ReturnsData = (options.BidirectionalMode || options.MultiClientMode) && options.Pattern != NetGearPattern.PubSub,
            MultiServer = options.MultiServerMode,
            Pattern = options.Pattern,
            Jpeg = options.Jpeg,
            RequestTimeout = options.RequestTimeout,
            MaxRetries = options.MaxRetries,
            ConnectTimeout = options.ConnectTimeout,
            PublishConnectWait = options.PublishConnectWait,
            Socket = new SocketSpec(kind)
            {
                SendHighWatermark = kind == SocketKind.Pub ? PublisherQueue(transport) : null,
                // Publish/Subscribe shows the newest frame: the OS's buffers carry a frame in a few large steps (latency at
                // a camera's pace); once the client falls behind, the kernel must not queue dozens of frames (latency), and
                // a publisher waits for room rather than produce frames that are dropped (CPU).
                BacklogBufferBytes = kind == SocketKind.Pub ? PubSubSocketBuffer : null,
                WaitWhenFull = kind == SocketKind.Pub,
                Ipv6 = NetGearSharp.Transport.Endpoints.IsIpv6(address),
                Linger = kind == SocketKind.Pub ? TimeSpan.FromSeconds(1) : TimeSpan.Zero,
                Immediate = kind != SocketKind.Pub,
                Monitor = monitor,
                // A publisher sees its client's subscription arrive, so that its first frame can wait for it (PublishConnectWait).
                ReportSubscriptions = kind == SocketKind.Pub && options.PublishConnectWait > TimeSpan.Zero,
                // Default: 1 s with libzmq; off with NetMQ, which can slip its PING between the parts of a frame.
                HeartbeatInterval = (options.HeartbeatInterval ?? (TransportSelection.HeartbeatsSafe(transport) ? TimeSpan.FromSeconds(1) : TimeSpan.Zero))
                    is var heartbeat && heartbeat > TimeSpan.Zero ? heartbeat : null,
                HeartbeatTimeout = options.HeartbeatTimeout,
                Curve = Security.CurveSettings.ForServer(options.SecureMode, options.KeysDirectory, logger),
            },
            Transport = transport,
            Clock = options.TimeProvider is { } time ? new Timing.MonotonicClock(time) : Timing.MonotonicClock.System,
            Json = MessageJson.Create(options.MessageSerializerOptions),
            Logger = logger,
        };
    }

    /// <summary>
    /// A publisher's queue, in frames. One where it waits for room (the newest frame goes out, no frame is made only to
    /// be dropped). NetMQ cannot wait and drops a frame whenever its queue is full: with one frame, a frame sent while its
    /// I/O thread still writes the one before was lost (1 to 6 of 40 at 30 frames/s); a few frames of room absorb that.
    /// </summary>
    private static int PublisherQueue(ITransport transport) => TransportSelection.PublisherWaitsForRoom(transport) ? 1 : NetMqPublisherQueue;

    /// <summary>The queue of a NetMQ publisher, in frames.</summary>
    internal const int NetMqPublisherQueue = 2;

    private static List<int> ClientPorts(IReadOnlyList<int>? ports)
    {
        if (ports is not { Count: > 0 })
            throw new ArgumentException("Ports is empty: a server in multi-client mode needs the list of its clients' ports (each 1-65535, no duplicates).", nameof(NetGearServerOptions.Ports));
        var names = new List<int>(ports.Count);
        var seen = new HashSet<int>();
        foreach (var p in ports)
        {
            names.Add(Validate.Port(p, nameof(NetGearServerOptions.Ports)));
            if (!seen.Add(p))
                throw new ArgumentException($"Ports lists port {p} twice; every client needs its own unique port.", nameof(NetGearServerOptions.Ports));
        }
        return names;
    }
}
