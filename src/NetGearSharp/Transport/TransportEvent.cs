namespace NetGearSharp.Transport;

/// <summary>A connection event and the endpoint it happened on (for a bound socket: the bound endpoint).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Endpoint">Where: for a bound socket, the bound endpoint (its port names the server).</param>
/// <param name="Connection">
/// The connection of an accepted, connected or disconnected event where the transport can name it (libzmq: its descriptor), else
/// -1; <see cref="ITransportSocket.LastPartConnection"/> names connections the same way.
/// </param>
/// <param name="Detail">For <see cref="TransportEventKind.AuthenticationFailed"/>: why, in words; otherwise null.</param>
public readonly record struct TransportEvent(TransportEventKind Kind, string Endpoint, long Connection = -1, string? Detail = null);
