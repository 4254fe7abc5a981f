namespace NetGearSharp.Transport;

/// <summary>Connection events of a socket.</summary>
public enum TransportEventKind
{
    /// <summary>A peer connected to a bound endpoint.</summary>
    Accepted,
    /// <summary>A connection closed (peer closed, crashed, or heartbeat timed out).</summary>
    Disconnected,
    /// <summary>A connecting socket completed its connection.</summary>
    Connected,
    /// <summary>A connection completed its ZeroMQ handshake (libzmq only: NetMQ reports no handshakes).</summary>
    HandshakeSucceeded,
    /// <summary>A connection failed its ZeroMQ handshake (not ZMTP, closed or timed out first); its close follows (libzmq only).</summary>
    HandshakeFailed,
    /// <summary>
    /// A peer's security handshake failed: wrong keys, a key not allowed, or the two ends in different secure modes (a
    /// plain peer on a secure socket, or a CURVE peer on a plain one); <see cref="TransportEvent.Detail"/> says why, from
    /// this socket's side (libzmq only).
    /// </summary>
    AuthenticationFailed,
    /// <summary>
    /// The process was running out of file descriptors, so connections of the endpoint were closed (a peer may be
    /// flooding it): libzmq closes every connection of the endpoint (its real server reconnects), NetMQ's gate those that
    /// have sent no message; <see cref="TransportEvent.Detail"/> says how many. A <see cref="Disconnected"/> event follows
    /// for each connection that had been reported accepted.
    /// </summary>
    ConnectionsShed,
    /// <summary>
    /// A connection sent more than the socket's <see cref="SocketSpec.MaxUnreadBytes"/> without completing a message (a
    /// message too large as a whole, or parts that never end), so it was closed and what it had sent dropped;
    /// <see cref="TransportEvent.Detail"/> says how much. Its <see cref="Disconnected"/> event follows (libzmq; NetMQ
    /// behind its gate on a network address, where the message's parts are counted too).
    /// </summary>
    MessageTooLarge,
    /// <summary>
    /// A connection sent a message whose header names another port than the one it arrived on (a peer speaking for
    /// another server), so it was closed before the message was complete; <see cref="TransportEvent.Detail"/> says which
    /// ports. Only where the transport checks headers itself (NetMQ listening on a network address, behind its gate;
    /// libzmq tells the client each message's connection instead).
    /// </summary>
    PortMismatch,
}
