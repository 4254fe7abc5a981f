using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetGearSharp.Protocol;
using NetGearSharp.Transport;

using NetGearSharp.Timing;

namespace NetGearSharp.Client;

/// <summary>A client's options, validated once. Nothing here changes afterwards.</summary>
internal sealed record ClientSettings
{
    private ClientSettings() { }

    public required IReadOnlyList<int> Ports { get; init; }
    public required IReadOnlyList<string> Endpoints { get; init; }
    public required IReadOnlySet<int>? Filter { get; init; }
    /// <summary>Ports that servers name through a port forward, mapped to the client's (<see cref="NetGearClientOptions.ForwardedPorts"/>).</summary>
    public PortAliases Aliases { get; init; } = PortAliases.None;
    public required bool MultiServer { get; init; }
    public required bool MultiClient { get; init; }
    /// <summary>Whether answers carry return data (bidirectional or multi-client mode, answering patterns).</summary>
    public required bool ReturnsData { get; init; }
    public required Func<int, NetGearReturnData?>? ReturnData { get; init; }
    public required NetGearPattern Pattern { get; init; }
    public required TimeSpan WaitForFirstServer { get; init; }
    public required bool AutoExit { get; init; }
    public required bool WaitForAllServers { get; init; }
    public required TimeSpan SubscriberTimeout { get; init; }
    public required TimeSpan StaleAfter { get; init; }
    public required TimeSpan LostAfter { get; init; }
    public required int QueueCapacity { get; init; }
    /// <summary>Whether the servers with frames waiting share <see cref="QueueRoom{T}.SharedFrames"/> (Request/Reply and Pair with no capacity set).</summary>
    public required bool QueueShared { get; init; }
    public required long MaxBytesInFlight { get; init; }
    public required bool DropOldest { get; init; }
    public required long MaxFrameBytes { get; init; }
    public required bool JpegFastDct { get; init; }
    public required bool JpegFastUpsample { get; init; }
    public required bool KeepJpeg { get; init; }
    /// <summary>Resolved: 1 means decode on the receive thread.</summary>
    public required int JpegDecodeThreads { get; init; }
    /// <summary>The most JPEG frames answered while they decode, at once (<see cref="Pipeline.DecodeAhead"/>): <see cref="AnswersAhead"/>.</summary>
    public required int MaxAnsweredAhead { get; init; }
    /// <summary>The most codec jobs at once for JPEG servers on this machine (<see cref="LocalCodecWork"/>): <see cref="LocalCodecJobs"/>.</summary>
    public required int MaxLocalCodecJobs { get; init; }
    /// <summary>The machine's processors, as the codec rules count them (<see cref="LocalCodecWork.DecodesHere"/>).</summary>
    public required int Processors { get; init; }
    /// <summary>
    /// Flow control (<see cref="ReplyWindow"/>): with no arrival for this long (and the socket found empty), the grants of
    /// servers that are not streaming lapse; a server whose last granted frame came within it streams. 10 ms; tests lengthen it.
    /// </summary>
    public TimeSpan GrantIdleGap { get; init; } = TimeSpan.FromMilliseconds(10);
    public required SocketSpec Socket { get; init; }
    public required ITransport Transport { get; init; }
    public required MonotonicClock Clock { get; init; }
    public required JsonSerializerOptions Json { get; init; }
    public required ILogger Logger { get; init; }

    public static ClientSettings From(NetGearClientOptions options) => From(options, Environment.ProcessorCount);

    /// <summary>As <see cref="From(NetGearClientOptions)"/>, for a machine of <paramref name="processors"/> processors (tests).</summary>
    public static ClientSettings From(NetGearClientOptions options, int processors)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate.Protocol(options.Protocol, nameof(options.Protocol));
        Validate.Pattern(options.Pattern, options.MultiServerMode, nameof(options.Pattern));
        var address = NetGearSharp.Transport.BindAddresses.Resolve(
            Validate.Address(options.Address, options.Protocol, bind: true, nameof(options.Address)), options.Protocol, nameof(options.Address));
        Validate.Modes(options.Pattern, options.MultiServerMode, options.MultiClientMode, options.BidirectionalMode);

        var given = options.Ports ?? [];
        if (options.MultiServerMode && given.Count == 0)
            throw new ArgumentException("Ports is empty: a client in multi-server mode needs the list of its servers' ports (each 1-65535, no duplicates).", nameof(options.Ports));
        if (!options.MultiServerMode && given.Count == 0) given = NetGearClientOptions.DefaultSinglePort;
        if (options.MultiClientMode && given.Count != 1)
            throw new ArgumentException($"Ports has {given.Count} entries; a client in multi-client mode binds exactly one port (its own; the server lists every client's).", nameof(options.Ports));
        if (!options.MultiServerMode && given.Count != 1)
            throw new ArgumentException($"Ports has {given.Count} entries; a single-server client takes exactly one. Turn MultiServerMode on for several.", nameof(options.Ports));
        var ports = new List<int>(given.Count);
        var seen = new HashSet<int>();
        foreach (var port in given)
        {
            ports.Add(Validate.Port(port, nameof(options.Ports)));
            if (!seen.Add(port))
                throw new ArgumentException($"Ports lists port {port} twice; every server needs its own unique port.", nameof(options.Ports));
        }

        HashSet<int>? filter = null;
        if (options.Filter is { Count: 0 })
            throw new ArgumentException("Filter is empty, which would accept no server's frames; give the ports to accept, or leave it null to accept every port.", nameof(options.Filter));
        if (options.Filter is not null)
        {
            filter = [];
            foreach (var port in options.Filter)
            {
                var name = Validate.Port(port, nameof(options.Filter));
                if (!seen.Contains(port))
                    throw new ArgumentException($"Filter port {port} is not in Ports [{string.Join(", ", given)}]; a filter keeps a subset of the client's ports.", nameof(options.Filter));
                filter.Add(name);
            }
        }

        var aliases = PortAliases.From(options.ForwardedPorts, seen, options.MultiServerMode, nameof(options.ForwardedPorts));
        Validate.Positive(options.WaitForFirstServer, nameof(options.WaitForFirstServer));
        Validate.Positive(options.SubscriberTimeout, nameof(options.SubscriberTimeout));
        Validate.Positive(options.StaleAfter, nameof(options.StaleAfter));
        Validate.NotInfinite(options.LostAfter, nameof(options.LostAfter), "give a time of zero or more (default 0.5 s)");
        if (options.LostAfter < TimeSpan.Zero)
            throw new ArgumentException($"LostAfter {options.LostAfter} must be zero or more.", nameof(options.LostAfter));
        Validate.HeartbeatInterval(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        if (options.ReturnData is not null && !options.BidirectionalMode && !options.MultiClientMode)
            throw new ArgumentException("ReturnData is set, but neither BidirectionalMode nor MultiClientMode is on: without them nothing is returned to a server. Turn one on, or leave ReturnData null.", nameof(options.ReturnData));
        if (options.ReturnData is not null && options.Pattern == NetGearPattern.PubSub)
            throw new ArgumentException("ReturnData is set with Pattern PubSub (2), which answers no frame, so nothing would be returned. Use Pair (0) or ReqRep (1), or leave ReturnData null.", nameof(options.ReturnData));
        Validate.PositiveFinite(options.HeartbeatTimeout, nameof(options.HeartbeatTimeout));
        if (options.QueueCapacity is < 1 or > 10_000)
            throw new ArgumentException($"QueueCapacity {options.QueueCapacity} is outside the allowed range 1-10000.", nameof(options.QueueCapacity));
        if (options.MaxBytesInFlight < 0)
            throw new ArgumentException($"MaxBytesInFlight {options.MaxBytesInFlight} must be zero (no flow control) or a positive number of bytes.", nameof(options.MaxBytesInFlight));
        if (options.MaxFrameBytes < 1 || options.MaxFrameBytes > Array.MaxLength)
            throw new ArgumentException($"MaxFrameBytes {options.MaxFrameBytes} is outside the allowed range 1-{Array.MaxLength}.", nameof(options.MaxFrameBytes));
        if (options.JpegDecodeThreads is < 0 or > 64)
            throw new ArgumentException($"JpegDecodeThreads {options.JpegDecodeThreads} is outside the allowed range 0-64 (0: one per processor, at most 4).", nameof(options.JpegDecodeThreads));
        Validate.Transport(options.Transport, nameof(options.Transport));

        var logger = Logging.GuardedLogger.For<NetGearClient>(options.LoggerFactory);
        var transport = TransportSelection.Resolve(options.Transport, options.CustomTransport, logger);
        TransportSelection.WarnIfExposed(transport, options.Transport, options.Protocol, address, options.MultiServerMode, options.SecureMode, logger);
        Security.CurveSettings.RequireSupported(options.SecureMode, transport, options.Transport, options.CustomTransport is not null, client: true);
        var curve = Security.CurveSettings.ForClient(options.SecureMode, options.KeysDirectory, options.AllowedKeysByPort, seen, logger);

        var pubSub = options.Pattern == NetGearPattern.PubSub;
        var kind = options.Pattern switch
        {
            NetGearPattern.Pair => SocketKind.Pair,
            NetGearPattern.ReqRep => SocketKind.Router,
            _ => SocketKind.Sub,
        };
        return new ClientSettings
        {
            Ports = ports,
            Endpoints = ports.Select(p => NetGearSharp.Transport.Endpoints.Build(options.Protocol, address, p)).ToArray(),
            Filter = filter,
            Aliases = aliases,
            MultiServer = options.MultiServerMode,
            MultiClient = options.MultiClientMode,
            ReturnsData = (options.BidirectionalMode || options.MultiClientMode) && !pubSub,
            ReturnData = options.ReturnData,
            Pattern = options.Pattern,
            WaitForFirstServer = options.WaitForFirstServer,
            AutoExit = options.AutoExit,
            WaitForAllServers = options.WaitForAllServers,
            SubscriberTimeout = options.SubscriberTimeout,
            StaleAfter = options.StaleAfter,
            LostAfter = options.LostAfter,
            QueueCapacity = options.QueueCapacity ?? (pubSub ? 1 : QueueRoom<NetGearPacket>.SharedFrames),
            QueueShared = !pubSub && options.QueueCapacity is null,
            DropOldest = pubSub,
            MaxBytesInFlight = options.MaxBytesInFlight,
            MaxFrameBytes = options.MaxFrameBytes,
            JpegFastDct = options.JpegFastDct,
            JpegFastUpsample = options.JpegFastUpsample,
            KeepJpeg = options.KeepJpeg,
            JpegDecodeThreads = options.JpegDecodeThreads == 0 ? Math.Clamp(processors, 1, 4) : options.JpegDecodeThreads,
            MaxAnsweredAhead = AnswersAhead(processors),
            MaxLocalCodecJobs = LocalCodecJobs(processors),
            Processors = Math.Max(1, processors),
            Socket = new SocketSpec(kind)
            {
                ReceiveHighWatermark = pubSub ? 1 : null,
                BacklogBufferBytes = pubSub ? Server.ServerSettings.PubSubSocketBuffer : null,
                SingleIoThread = pubSub && ports.Count <= SubscriberServersOnOneIoThread,
                IoThreadPerEndpoint = options.MultiServerMode,
                Ipv6 = NetGearSharp.Transport.Endpoints.IsIpv6(address),
                HeartbeatInterval = Heartbeat(options, transport) is var heartbeat && heartbeat > TimeSpan.Zero ? heartbeat : null,
                HeartbeatTimeout = options.HeartbeatTimeout,
                MaxMessageSize = options.MaxFrameBytes + 1024 * 1024,
                MaxUnreadBytes = MaxUnreadBytes(options.MaxFrameBytes, pubSub),
                // Where the transport cannot say which connection a message came from (NetMQ), it checks headers itself.
                NamedPort = options.MultiServerMode ? aliases.Wrap(Protocol.HeaderReader.NamedPort) : null,
                // A connection that has not finished its ZeroMQ handshake by then is closed (libzmq; NetMQ only behind its gate).
                HandshakeTimeout = TimeSpan.FromSeconds(10),
                Monitor = true,
                Curve = curve,
                // An ending client closes its socket once the servers whose goodbye it answered have closed theirs (at most
                // 1 s on, ReceiveLoop.LetGoodbyesClose): answers still queued then go out (connections with nothing
                // left to send close at once; nothing waits for them).
                Linger = ClosingLinger,
            },
            Transport = transport,
            Clock = options.TimeProvider is { } time ? new MonotonicClock(time) : MonotonicClock.System,
            Json = MessageJson.Create(options.MessageSerializerOptions),
            Logger = logger,
        };
    }

    /// <summary>
    /// How many JPEG frames may be answered while they decode, at once: one less than the processors, at least one. A
    /// frame answered ahead lets its server encode and send its next frame while this one decodes. With one answered
    /// ahead on every processor, every worker decodes while every such server encodes and the receive thread reads the
    /// next frames: more busy threads than cores wherever servers and client share a machine, and each frame's decode
    /// and encode take twice as long (2 servers on 2 cores: p99 about 7.0 against 5.7 ms, docs/performance.md). The frames
    /// past the limit still decode on the idle workers, answered when delivered.
    /// </summary>
    internal static int AnswersAhead(int processors) => Math.Max(1, processors - 1);

    /// <summary>
    /// The most codec jobs at once for Request/Reply JPEG servers on this machine (<see cref="LocalCodecWork"/>): local
    /// servers answered and not yet heard from (each encoding its next frame) with the frames decoding here: twice the
    /// processors and one more. Measured with 8 servers on 2 processors (docs/performance.md, thirty-second session):
    /// 5 kept the frames/s (0.98x) and cut the p99 to 0.64x; 4 cut it to 0.52x but cost 5 % of the frames/s, 6 kept
    /// less of the cut (0.75x). Two servers never reach it (each is encoding or decoding, at most both).
    /// </summary>
    internal static int LocalCodecJobs(int processors) => 2 * Math.Max(1, processors) + 1;

    /// <summary>
    /// What one connection may send beyond the last message the client read from it: the whole message it is sending
    /// (a frame and a header of at most 1 MiB), for a subscriber one more queued behind it (its socket queues one; a
    /// Request/Reply or Pair server sends its next message only once answered), and what the kernel buffers (8 MiB).
    /// Past it the transport closes the connection (a message of parts that never end: issue 11).
    /// </summary>
    internal static long MaxUnreadBytes(long maxFrameBytes, bool pubSub) => (pubSub ? 2 : 1) * (maxFrameBytes + 1024 * 1024) + 8 * 1024 * 1024;

    /// <summary>
    /// The heartbeat interval: the user's, else <see cref="DefaultHeartbeatInterval"/> where it is safe (libzmq, or a
    /// SUB socket, which sends no multipart messages a NetMQ PING could be slipped into), else off.
    /// </summary>
    private static TimeSpan Heartbeat(NetGearClientOptions options, ITransport transport)
        => options.HeartbeatInterval
           ?? (TransportSelection.HeartbeatsSafe(transport) || options.Pattern == NetGearPattern.PubSub ? DefaultHeartbeatInterval : TimeSpan.Zero);

    /// <summary>
    /// 1 s: with the default 1.25 s timeout a silently cut link is Lost within interval + timeout + LostAfter (2.75 s at
    /// most), inside the reliability guide's 3 s. (0.5 s made libzmq 4.3.4's heartbeat timer meet a connection whose input
    /// had stopped more often: "Assertion failed: !_io_error (stream_engine_base.cpp:331)" aborted test processes.)
    /// </summary>
    internal static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Up to this many servers, a Publish/Subscribe client reads them all on one transport I/O thread; with more, each
    /// server's port gets its own, dealt over the pool in turn (<see cref="SocketSpec.IoThreadPerEndpoint"/>). Measured
    /// on 2 cores (docs/performance.md, thirty-seventh session): with 8 and 32 servers spread, their frames waited less
    /// (paced at 30 frames/s each, p99 0.64 against 0.76 ms and 1.16 against 1.31 ms); with 2 and 4 JPEG servers sending
    /// faster than the client decodes, one thread kept them in step (p99 16 against 48 ms with 2 servers, 32 against 59
    /// with 4; traced with 2, spread, one server's frames fell behind the other's for tenths of a second).
    /// </summary>
    internal const int SubscriberServersOnOneIoThread = 4;

    /// <summary>How long answers still queued when the client closes its socket may take to go out.</summary>
    internal static readonly TimeSpan ClosingLinger = TimeSpan.FromMilliseconds(500);
}
