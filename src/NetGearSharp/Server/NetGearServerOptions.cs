using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace NetGearSharp;

/// <summary>
/// Options of a <see cref="NetGearServer"/> (VidGear's <c>NetGear(receive_mode=False, ...)</c>). Immutable; validated
/// once when the server is created. Names follow VidGear's so its users find their way.
/// </summary>
public sealed record NetGearServerOptions
{
    /// <summary>The client's host or IP address (VidGear: <c>address</c>). Default <c>localhost</c>.</summary>
    public string Address { get; init; } = "localhost";

    /// <summary>This server's port, 1–65535 (VidGear: <c>port</c>). Required in multi-server mode, where it is the server's identity; default 5555 otherwise, as VidGear's.</summary>
    public int? Port { get; init; }

    /// <summary>The protocol (VidGear: <c>protocol</c>). Default TCP.</summary>
    public NetGearProtocol Protocol { get; init; } = NetGearProtocol.Tcp;

    /// <summary>The messaging pattern (VidGear: <c>pattern</c>). Default ReqRep (VidGear's default, Pair, is not allowed in multi-server mode).</summary>
    public NetGearPattern Pattern { get; init; } = NetGearPattern.ReqRep;

    /// <summary>Multi-server mode (VidGear: <c>multiserver_mode</c>): the header carries this server's port. Default <c>true</c>.</summary>
    public bool MultiServerMode { get; init; } = true;

    /// <summary>
    /// Bidirectional mode (VidGear: <c>bidirectional_mode</c>; Pair or ReqRep only): the client answers each frame with
    /// return data, and <see cref="NetGearServer.Send"/> returns it. Works with multi-server mode (each server gets the
    /// data of the answer to its own frame). Default <c>false</c>.
    /// </summary>
    public bool BidirectionalMode { get; init; }

    /// <summary>
    /// Multi-client mode (VidGear: <c>multiclient_mode</c>; ReqRep or PubSub, not with <see cref="MultiServerMode"/>, so
    /// set that to <c>false</c>): this server connects to every client of <see cref="Ports"/>. ReqRep deals the frames
    /// to the clients in turn and <see cref="NetGearServer.Send"/> returns the answering client's port and data;
    /// PubSub sends every frame to every client. Default <c>false</c>.
    /// </summary>
    public bool MultiClientMode { get; init; }

    /// <summary>Multi-client mode: the clients' ports, 1–65535, no duplicates (VidGear: <c>port</c> as a list). Ignored otherwise.</summary>
    public IReadOnlyList<int>? Ports { get; init; }

    /// <summary>JPEG compression of frames. Default off (raw frames, exact pixels, no native library needed).</summary>
    public JpegOptions Jpeg { get; init; } = JpegOptions.Off;

    /// <summary>ReqRep/Pair: how long to wait for the client's reply to a frame (VidGear: <c>request_timeout</c>). Default 4 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// ReqRep/Pair: after how many reply timeouts in a row <see cref="NetGearServer.Send"/> fails (VidGear:
    /// <c>max_retries</c>); after each one before that, the server reconnects and sends the frame again, so a frame is
    /// sent at most this many times. Default 3. <see cref="RetryForever"/>: never fail; the frame is sent again until
    /// the client answers (a client that restarts after any time) or the cancellation token ends the wait.
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// The <see cref="MaxRetries"/> that never gives up (<see cref="int.MaxValue"/>): the frame is sent again until the
    /// client answers. Its retries are logged as warnings at the first few timeouts and then about once a minute.
    /// </summary>
    public const int RetryForever = int.MaxValue;

    /// <summary>
    /// ReqRep/Pair: how long the first frame waits for a client that has never answered (the client may start later).
    /// Default: for ever (<see cref="Timeout.InfiniteTimeSpan"/>); a cancellation token still ends the wait.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Publish/Subscribe: how long the first frame waits for the client's subscription to reach this server before it
    /// is published. A publisher drops what it sends before the subscription has arrived, so without the wait a client
    /// that is already listening loses the first frame or two (VidGear's server does). The wait ends the moment the
    /// subscription arrives (the socket is an XPUB, which reports it; the frames on the wire are the same); it is paid
    /// once, by the first frame only. When no client is listening the first frame is published after this time (and
    /// dropped, as before). Default 3 s; zero publishes at once (a plain PUB). Allowed 0-10 minutes.
    /// </summary>
    public TimeSpan PublishConnectWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// ZMTP heartbeat interval, so a silently cut link is noticed on the server's side too; zero turns heartbeats off.
    /// Default (null): 1 s with the native transport, off with NetMQ (NetMQ 4.0.4.5 can slip its PING between the parts
    /// of a frame it is sending). Request/Reply servers notice a dead client by their reply timeout in any case, and
    /// use a DEALER framed as a REQ (NetMQ's REQ socket loses messages when heartbeats run).
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>How long a heartbeat may go unanswered before the connection is dropped. Default 3 s.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Which ZeroMQ implementation to use. Default <see cref="TransportKind.Auto"/>: the system's libzmq where it loads,
    /// NetMQ otherwise (logged once). Ignored when <see cref="CustomTransport"/> is set.
    /// </summary>
    public TransportKind Transport { get; init; } = TransportKind.Auto;

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
    /// A transport the application made: a <see cref="Transport.Native.NativeTransport"/> with its own settings (I/O
    /// threads), or its own <see cref="Transport.ITransport"/> (for example an in-memory one in tests). The application
    /// owns it (disposes it after the clients and servers using it). Default null: <see cref="Transport"/> decides.
    /// </summary>
    public Transport.ITransport? CustomTransport { get; init; }

    /// <summary>
    /// How messages are turned into JSON. Default (null): <see cref="NetGearMessageJson.CreateOptions"/> — camelCase
    /// member names, as Python users write them. Your options are used as given (copied), plus tuples as arrays and NaN/Infinity.
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
