namespace NetGearSharp.Transport;

/// <summary>A connection event and the endpoint it happened on (for a bound socket: the bound endpoint).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Endpoint">Where: for a bound socket, the bound endpoint (its port names the server).</param>
/// <param name="Connection">
/// The connection of an accepted, connected or disconnected event where the transport can name it (libzmq: its descriptor), else
/// -1; <see cref="ITransportSocket.LastPartConnection"/> names connections the same way.
/// </param>
/// <param name="Detail">For <see cref="TransportEventKind.AuthenticationFailed"/>: why, in words; otherwise null.</param>
public readonly record struct TransportEvent(TransportEventKind Kind, string Endpoint, long Connection = -1, string? Detail = null)
{
    /// <summary>
    /// For an accepted connection: whether its peer is a process on this machine (a loopback address, or the
    /// connection's own address), so that its work shares this machine's processors. The client then keeps the JPEG
    /// encoding of such servers and its own decoding from crowding those processors (docs/modes.md, flow control).
    /// False where the transport cannot tell (NetMQ, and by default a user-supplied transport) and for other events.
    /// </summary>
    public bool PeerOnThisMachine { get; init; }

    /// <summary>
    /// For <see cref="TransportEventKind.AuthenticationFailed"/>: the connection only closed during the handshake (no
    /// answer was read), so <see cref="Detail"/> is a likely cause, not a certain one.
    /// </summary>
    internal bool Inconclusive { get; init; }
}
