namespace NetGearSharp;

/// <summary>Which ZeroMQ implementation carries the messages.</summary>
public enum TransportKind
{
    /// <summary>
    /// The default: the native transport where the system's libzmq loads (it meets every performance target), NetMQ
    /// otherwise. Which one was chosen, and why, is logged once per process.
    /// </summary>
    Auto,
    /// <summary>NetMQ, the pure managed ZeroMQ (needs nothing installed).</summary>
    NetMq,
    /// <summary>The system's libzmq (Debian package <c>libzmq5</c>) through P/Invoke; fails when it is not installed.</summary>
    Native,
}
