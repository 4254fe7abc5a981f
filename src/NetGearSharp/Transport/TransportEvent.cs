namespace NetGearSharp.Transport;

/// <summary>A connection event and the endpoint it happened on (for a bound socket: the bound endpoint).</summary>
internal readonly record struct TransportEvent(TransportEventKind Kind, string Endpoint);
