namespace NetGearSharp.Transport;

/// <summary>Everything a transport needs to create and configure one socket.</summary>
/// <param name="Kind">The ZeroMQ socket type.</param>
public sealed record SocketSpec(SocketKind Kind)
{
    /// <summary>Send high-water mark in messages; null keeps the transport's default.</summary>
    public int? SendHighWatermark { get; init; }

    /// <summary>Receive high-water mark in messages; null keeps the transport's default.</summary>
    public int? ReceiveHighWatermark { get; init; }

    /// <summary>How long unsent messages are kept after close.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.Zero;

    /// <summary>ZMTP heartbeat interval; null or zero for none.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>How long to wait for a heartbeat reply before the connection is closed.</summary>
    public TimeSpan? HeartbeatTimeout { get; init; }

    /// <summary>How long a new connection may take to complete its ZeroMQ handshake before it is closed; null keeps the transport's default (libzmq 30 s; NetMQ has none, and its gate, where there is one, takes 10 s).</summary>
    public TimeSpan? HandshakeTimeout { get; init; }

    /// <summary>Largest single message part accepted; a peer that sends a larger one is disconnected. -1: no limit.</summary>
    public long MaxMessageSize { get; init; } = -1;

    /// <summary>
    /// Bound sockets over TCP with <see cref="Monitor"/>: the most one connection may send beyond the last whole message
    /// the socket handed out (the message in progress and those queued behind it); a connection past it is closed and reported
    /// (<see cref="TransportEventKind.MessageTooLarge"/>). ZeroMQ holds a multipart message until its last part has
    /// arrived and caps only each part (<see cref="MaxMessageSize"/>), so without this one message of many parts can
    /// fill the memory. -1: no limit. libzmq (Linux): looked at when the socket's events are taken
    /// (<see cref="ITransportSocket.TryGetEvent"/>), at most every 10-50 ms, so a fast peer overshoots by what it sends
    /// in that time. NetMQ: a socket that sets it and binds a network address gets a gate in front of NetMQ, which
    /// counts each message's parts as they pass (a message may then carry <see cref="MaxMessageSize"/> + 1 MiB at most).
    /// </summary>
    public long MaxUnreadBytes { get; init; } = -1;

    /// <summary>
    /// Reads the port a message's header names (a multi-server client's): where a transport cannot tell the client which
    /// connection a message came from (NetMQ, behind its gate), it checks the header against the port the message
    /// arrived on itself and closes a connection whose message speaks for another port
    /// (<see cref="TransportEventKind.PortMismatch"/>). Null: no check.
    /// </summary>
    internal HeaderPortReader? NamedPort { get; init; }

    /// <summary>Kernel send buffer (SO_SNDBUF) in bytes; null keeps the OS default (auto-tuned, several MB on loopback).</summary>
    public int? SendBufferBytes { get; init; }

    /// <summary>Kernel receive buffer (SO_RCVBUF) in bytes; null keeps the OS default.</summary>
    public int? ReceiveBufferBytes { get; init; }

    /// <summary>
    /// Where <see cref="SendBufferBytes"/> and <see cref="ReceiveBufferBytes"/> are not set: connections keep the OS's
    /// auto-tuned buffers (a frame crosses in a few large steps) until a backlog builds on one, and then that
    /// connection's kernel buffer is cut to this many bytes, so frames wait in the sender, which sends the newest, rather
    /// than in the kernel. A backlog: for a publisher that waits for room (<see cref="WaitWhenFull"/>), three sends less
    /// than a second apart that find its queue full; for a receiving socket, more than two messages of the size just
    /// read still waiting in the kernel, eight messages in a row. A cut lasts as long as the connection. libzmq on Linux
    /// follows this; NetMQ, other systems and the NetMQ gate apply it as a fixed buffer from the start; other transports
    /// may ignore it. Null: no cut.
    /// </summary>
    public int? BacklogBufferBytes { get; init; }

    /// <summary>
    /// PUB only: when the send high-water mark is reached, a send waits for room (up to its timeout) instead of the
    /// message being dropped, so a publisher does not produce frames nobody will see. Transports that cannot do this
    /// (NetMQ) keep dropping.
    /// </summary>
    public bool WaitWhenFull { get; init; }

    /// <summary>
    /// Keep every connection of this socket on one transport I/O thread (libzmq's ZMQ_AFFINITY) instead of spreading
    /// them over the pool: a subscriber of a few servers asks for it, so that they stay in step when the client decodes
    /// more slowly than they send; with many servers, one thread would hold their frames back (docs/performance.md,
    /// thirty-seventh session). A transport with a single I/O thread (NetMQ here) ignores it.
    /// </summary>
    public bool SingleIoThread { get; init; }

    /// <summary>
    /// Each bound endpoint's connections on one transport I/O thread, the endpoints dealt over the pool in turn (libzmq's
    /// ZMQ_AFFINITY set before each bind): for a client with one server per port, the servers' connections spread
    /// evenly. Otherwise libzmq gives each new connection the least loaded thread, and two servers that connect at once
    /// can both land on one (docs/performance.md). Ignored with <see cref="SingleIoThread"/> and by a transport with a
    /// single I/O thread (NetMQ here).
    /// </summary>
    public bool IoThreadPerEndpoint { get; init; }

    /// <summary>
    /// PUB only: the socket is an XPUB, a publisher that also hands the subscriptions it receives to
    /// <see cref="ITransportSocket.TryReceive"/> (first byte 1: subscribe, 0: unsubscribe; then the topic), so a sender
    /// can tell when a subscriber is really there. Frames are published exactly as by a PUB; a SUB accepts either.
    /// </summary>
    public bool ReportSubscriptions { get; init; }

    /// <summary>
    /// Whether connection events (accepted, disconnected) are reported through <see cref="ITransportSocket.TryGetEvent"/>.
    /// Without it, a libzmq publisher whose buffers are cut when a backlog builds (<see cref="BacklogBufferBytes"/>, Linux)
    /// still reports its failed security handshakes (<see cref="TransportEventKind.AuthenticationFailed"/>).
    /// </summary>
    public bool Monitor { get; init; }

    /// <summary>TCP over IPv6: the address is an IPv6 address (libzmq's <c>ZMQ_IPV6</c>, NetMQ's <c>IPv4Only = false</c>); off, as both default, for IPv4 and host names.</summary>
    public bool Ipv6 { get; init; }

    /// <summary>
    /// Queue messages only to completed connections (ZMQ_IMMEDIATE): a send with no peer connected fails instead of
    /// waiting in a pipe, so a sender knows the peer is absent.
    /// </summary>
    public bool Immediate { get; init; }

    /// <summary>Time between reconnection attempts of a connecting socket.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// CURVE encryption and, for a binding socket, who may connect (IronHouse); null for plain connections. Connection
    /// events then include failed security handshakes (<see cref="TransportEventKind.AuthenticationFailed"/>) where the
    /// transport reports them (libzmq), and a peer counts as accepted once its handshake succeeded.
    /// </summary>
    /// Internal: only the library's own transports (native, NetMQ) apply it; secure mode refuses any other transport.
    internal CurveSpec? Curve { get; init; }

    /// <summary>Upper bound of the reconnection back-off.</summary>
    public TimeSpan ReconnectIntervalMax { get; init; } = TimeSpan.FromSeconds(1);
}
