namespace NetGearSharp.Transport;

/// <summary>A ZeroMQ implementation: makes sockets.</summary>
internal interface ITransport
{
    /// <summary>A short name for logs and benchmarks (<c>netmq</c>, <c>native</c>).</summary>
    string Name { get; }

    /// <summary>Creates a socket. The socket is used by one thread at a time.</summary>
    ITransportSocket CreateSocket(SocketSpec spec);
}
