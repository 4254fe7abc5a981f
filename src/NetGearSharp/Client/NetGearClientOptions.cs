using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace NetGearSharp;

/// <summary>
/// Options of a <see cref="NetGearClient"/> (VidGear's <c>NetGear(receive_mode=True, ...)</c>). Immutable; validated
/// once when the client is created.
/// </summary>
public sealed record NetGearClientOptions
{
    /// <summary>Default port list of a single-server client (VidGear's default port).</summary>
    internal static IReadOnlyList<int> DefaultSinglePort { get; } = [5555];

    /// <summary>The local address to bind (VidGear: <c>address</c>). Default <c>*</c>, all interfaces.</summary>
    public string Address { get; init; } = "*";

    /// <summary>
    /// The servers' ports, 1–65535, no duplicates (VidGear: <c>port</c> as a list). The client binds every one; each
    /// server connects to its own. Required in multi-server mode; in single-server mode exactly one (default 5555, as VidGear).
    /// </summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>The protocol (VidGear: <c>protocol</c>). Default TCP.</summary>
    public NetGearProtocol Protocol { get; init; } = NetGearProtocol.Tcp;

    /// <summary>The messaging pattern (VidGear: <c>pattern</c>); must match the servers'. Default ReqRep.</summary>
    public NetGearPattern Pattern { get; init; } = NetGearPattern.ReqRep;

    /// <summary>Multi-server mode (VidGear: <c>multiserver_mode</c>). Default <c>true</c>.</summary>
    public bool MultiServerMode { get; init; } = true;

    /// <summary>
    /// Bidirectional mode (VidGear: <c>bidirectional_mode</c>; Pair or ReqRep only): the client answers every frame with
    /// return data (<see cref="ReturnData"/>, <see cref="NetGearClient.SetReturnData(NetGearReturnData)"/>), which the
    /// server whose frame is answered gets as the result of its send. Works with multi-server mode. Default <c>false</c>.
    /// </summary>
    public bool BidirectionalMode { get; init; }

    /// <summary>
    /// Multi-client mode (VidGear: <c>multiclient_mode</c>; ReqRep or PubSub; not with <see cref="MultiServerMode"/>, so
    /// set that to <c>false</c>): this client is one of several a server sends to; it binds its one port of
    /// <see cref="Ports"/>. In ReqRep every answer carries return data tagged with this client's port. Default <c>false</c>.
    /// </summary>
    public bool MultiClientMode { get; init; }

    /// <summary>
    /// Bidirectional or multi-client mode: the data to return with the answer to a frame of the server of the given port
    /// (the server whose frame is answered gets it). Called on the receive thread when the answer goes out (after the
    /// frame is queued): keep it quick. Null (the default), or a null result: the data set with
    /// <see cref="NetGearClient.SetReturnData(int, NetGearReturnData)"/> for that port, else for all servers, else none.
    /// </summary>
    public Func<int, NetGearReturnData?>? ReturnData { get; init; }

    /// <summary>
    /// Accept frames only from these ports (a subset of <see cref="Ports"/>); others are dropped before their payload is
    /// decoded and counted as filtered out. Null: accept all (an empty list is refused: it would accept none).
    /// </summary>
    public IReadOnlyList<int>? Filter { get; init; }

    /// <summary>
    /// Multi-server mode: servers that reach the client through a port forward that changes the port (Docker's
    /// <c>-p 15566:5566</c>, <c>ssh -L</c>, NAT), by the port they name in their headers (the port they dial, which
    /// VidGear's <c>port</c> is too), mapped to the client's port their connections arrive on: <c>{ [15566] = 5566 }</c>
    /// makes a server that says 15566 the server of port 5566. Without it such a server's frames are dropped as naming a
    /// port not in the list (<see cref="MalformedKind.UnknownPort"/>). Each key 1–65535 and not in <see cref="Ports"/>;
    /// each value in <see cref="Ports"/>, named by one key. Null or empty: none.
    /// </summary>
    public IReadOnlyDictionary<int, int>? ForwardedPorts { get; init; }

    /// <summary>
    /// How long to wait for the first server to connect before the client ends. Default: for ever
    /// (<see cref="Timeout.InfiniteTimeSpan"/>).
    /// </summary>
    public TimeSpan WaitForFirstServer { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// End by itself when every server that had connected is terminated or lost (VidGear's behaviour, where
    /// <c>recv()</c> then returns <c>None</c>). Default <c>true</c>; <c>false</c> keeps waiting for servers.
    /// </summary>
    public bool AutoExit { get; init; } = true;

    /// <summary>
    /// With <see cref="AutoExit"/>: wait until every port of the list has connected (and then gone) before ending.
    /// Default <c>false</c>, VidGear's rule: only the servers that have connected so far count, so when one server
    /// finishes before another has even connected, the client ends without the late one. Turn this on when every
    /// listed server is expected; with <see cref="WaitForFirstServer"/> too, servers that have not connected when it
    /// has passed are given up (the rule <c>netgear view</c> uses).
    /// </summary>
    public bool WaitForAllServers { get; init; }

    /// <summary>End when no frame at all arrives for this long after the first one (VidGear: <c>subscriber_timeout</c>). Default: never.</summary>
    public TimeSpan SubscriberTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>A connected server that sends no frame for this long is stale. Default 2 s.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A server whose connection closed without a goodbye is lost once it has not reconnected for this long. Default 0.5 s.</summary>
    public TimeSpan LostAfter { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// ZMTP heartbeat interval towards each server, so a silently cut link is noticed (the server is lost after
    /// <see cref="HeartbeatTimeout"/>); zero turns them off (crashed or killed servers are still noticed by their closed
    /// connection). Default (null): 1 s with the native transport and with Publish/Subscribe, off for a NetMQ
    /// Request/Reply or Pair client — NetMQ 4.0.4.5 can slip its PING between the parts of a reply it is sending,
    /// which breaks that connection now and then under load.
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>
    /// How long a heartbeat may go unanswered before the server's connection is dropped (and it is lost). Default 1.25 s:
    /// with the default interval and <see cref="LostAfter"/> a silently cut link is Lost within 2.75 s.
    /// </summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(1.25);

    /// <summary>
    /// Frames kept per server until read. ReqRep and Pair: when a server's are full, its reply is held back, so it waits
    /// (nothing is lost). Left unset there, the servers with frames waiting share 8 between them, at least one each: a
    /// server alone keeps up to 8, two up to 4 each, eight or more one each, so an application that falls behind many
    /// servers holds each of them at one frame, and frames wait less. PubSub: default 1 (the newest frame replaces the
    /// older one).
    /// </summary>
    public int? QueueCapacity { get; init; }

    /// <summary>
    /// Request/Reply flow control, in bytes of frames on their way to the client or waiting in it for the application.
    /// A server sends its next frame as soon as it is answered, and that frame takes memory in the client from its first
    /// byte until the application takes it. The client answers servers while their next frames (counted at the size of
    /// their last one) and the frames not yet taken fit this budget; past it, answers wait, first come first answered,
    /// until granted frames arrive or the application takes frames. Grants of servers that go quiet after
    /// their answer (paced cameras) lapse when nothing at all has arrived for 10 ms (a server whose last frame came
    /// within 10 ms of its answer is streaming and keeps its grant: silence then means its machine is busy), and any
    /// grant after 250 ms, so a quiet server never holds the others up, and up to 4 grants and waiting frames together are always allowed
    /// whatever their size (so a few raw 4K cameras still flow). A consumer that falls behind thus holds servers back
    /// instead of every server's queue (<see cref="QueueCapacity"/>) filling the client's memory. Fewer frames on their
    /// way at once means each arrives sooner: lower it for lower latency, raise it (or 0) for the last frames/s
    /// (docs/performance.md has the numbers). JPEG frames are small: with them the budget rarely binds.
    /// Default 16 MiB; 0 turns flow control off. Ignored by Publish/Subscribe.
    /// </summary>
    public long MaxBytesInFlight { get; init; } = 16L * 1024 * 1024;

    /// <summary>The largest frame accepted, in bytes, checked before anything is allocated. Default 99,532,800 (8K RGB, 7680x4320x3).</summary>
    public long MaxFrameBytes { get; init; } = 7680L * 4320 * 3;

    /// <summary>
    /// Decode JPEG with the fast DCT (VidGear: <c>jpeg_compression_fastdct</c>). Default <c>true</c>. As in VidGear, a frame
    /// whose header says <c>"dct": true</c> (every server's default) is decoded with it whatever this says.
    /// </summary>
    public bool JpegFastDct { get; init; } = true;

    /// <summary>
    /// Decode JPEG with fast chroma upsampling (VidGear: <c>jpeg_compression_fastupsample</c>). Default <c>false</c>. As in
    /// VidGear, a frame whose header says <c>"ups": true</c> is decoded with it whatever this says.
    /// </summary>
    public bool JpegFastUpsample { get; init; }

    /// <summary>
    /// Threads that decode JPEG frames, so frames of different servers decode in parallel while the receive thread
    /// keeps reading (Request/Reply and Pair with the native transport; Publish/Subscribe and NetMQ decode on the
    /// receive thread). A server is still answered only once its frame is decoded. Default 0: one per processor, at
    /// most 4; 1 decodes on the receive thread. Allowed 0-64.
    /// </summary>
    public int JpegDecodeThreads { get; init; }

    /// <summary>
    /// Keep each JPEG frame's compressed bytes on its packet (<see cref="NetGearPacket.Jpeg"/>) besides the decoded
    /// frame, so that a viewer which shows JPEG (a web page) passes them on without encoding again. Costs a copy of the
    /// compressed payload per frame. Default <c>false</c>.
    /// </summary>
    public bool KeepJpeg { get; init; }

    /// <summary>
    /// ZeroMQ security (VidGear: <c>secure_mode</c>): Grasslands (plain, the default), StoneHouse (CURVE encryption;
    /// senders must know the client's public key) or IronHouse (StoneHouse, and the client accepts only allowed keys).
    /// Both ends must use the same mode. See <c>docs/security.md</c>.
    /// </summary>
    public SecureMode SecureMode { get; init; } = SecureMode.Grasslands;

    /// <summary>
    /// Where the keys are (VidGear: <c>custom_cert_location</c>): VidGear's layout under this folder,
    /// <c>.vidgear/keys/{public_keys,private_keys}</c>; a path ending in <c>.vidgear</c> is used as is. Default (null):
    /// the home folder. Make keys with <c>netgear keys generate</c> or <see cref="Security.KeyDirectory.Generate"/>.
    /// </summary>
    public string? KeysDirectory { get; init; }

    /// <summary>
    /// IronHouse, per-port identity: for each listed port, the only public keys (Z85, 40 characters) allowed to send on
    /// it, so a sender with a valid key cannot speak for another sender's port. Added to the lists of the key folder's
    /// <c>keys/ports/&lt;port&gt;/*.key</c>. Ports without a list accept every key of the allow-list
    /// (<c>public_keys/*.key</c>, VidGear's rule). Null: only the key folder's lists.
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>>? AllowedKeysByPort { get; init; }

    /// <summary>
    /// Which ZeroMQ implementation to use. Default <see cref="TransportKind.Auto"/>: the system's libzmq where it loads,
    /// NetMQ otherwise (logged once). Ignored when <see cref="CustomTransport"/> is set.
    /// </summary>
    public TransportKind Transport { get; init; } = TransportKind.Auto;

    /// <summary>
    /// A transport the application made: a <see cref="Transport.Native.NativeTransport"/> with its own settings (I/O
    /// threads), or its own <see cref="Transport.ITransport"/> (for example an in-memory one in tests). The application
    /// owns it (disposes it after the clients and servers using it). Default null: <see cref="Transport"/> decides.
    /// </summary>
    public Transport.ITransport? CustomTransport { get; init; }

    /// <summary>
    /// How messages are read by <see cref="NetGearPacket.GetMessage{T}"/> and <see cref="NetGearClient.ReadAllAsync{TMessage}"/>.
    /// Default (null): <see cref="NetGearMessageJson.CreateOptions"/> — case-insensitive names, and a missing or unknown member
    /// is a <see cref="JsonException"/>. Your options are used as given (copied), plus tuples from arrays and NaN/Infinity.
    /// </summary>
    public JsonSerializerOptions? MessageSerializerOptions { get; init; }

    /// <summary>
    /// The clock for every deadline, timeout and rate (read monotonically: <see cref="System.TimeProvider.GetTimestamp"/>),
    /// and for the UTC time stamps shown to users. Default null: <see cref="System.TimeProvider.System"/>. Tests can pass
    /// a fake one to drive time.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where log messages go (VidGear: <c>logging=True</c>). Default: nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
