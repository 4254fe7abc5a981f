namespace NetGearSharp.Transport;

/// <summary>
/// A connection event and the endpoint it happened on (for a bound socket: the bound endpoint). <paramref name="Connection"/>
/// names the connection of an accepted or disconnected event where the transport can (libzmq: its descriptor), else -1.
/// </summary>
internal readonly record struct TransportEvent(TransportEventKind Kind, string Endpoint, long Connection = -1);
