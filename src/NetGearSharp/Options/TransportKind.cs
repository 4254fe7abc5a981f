namespace NetGearSharp;

/// <summary>Which ZeroMQ implementation carries the messages.</summary>
public enum TransportKind
{
    /// <summary>NetMQ, the pure managed ZeroMQ (default; needs nothing installed).</summary>
    NetMq,
    /// <summary>The system's libzmq (Debian package <c>libzmq5</c>) through P/Invoke.</summary>
    Native,
}
