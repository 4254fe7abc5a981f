namespace NetGearSharp.Transport;

/// <summary>
/// A ZeroMQ implementation: makes sockets. The library ships <see cref="Native.NativeTransport"/> (libzmq) and
/// <see cref="NetMq.NetMqTransport"/> (NetMQ); an application can supply its own through the <c>CustomTransport</c>
/// option of a client or server (for example an in-memory one in tests). It must speak ZeroMQ's socket semantics
/// (message parts, the <see cref="SocketKind"/> routing rules) to interoperate with real peers.
/// </summary>
public interface ITransport
{
    /// <summary>A short name for logs and benchmarks (<c>netmq</c>, <c>native</c>).</summary>
    string Name { get; }

    /// <summary>Creates a socket. The socket is used by one thread at a time.</summary>
    ITransportSocket CreateSocket(SocketSpec spec);
}
