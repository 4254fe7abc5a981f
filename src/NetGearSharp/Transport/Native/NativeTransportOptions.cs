namespace NetGearSharp.Transport.Native;

/// <summary>Settings of a <see cref="NativeTransport"/> the application creates.</summary>
public sealed record NativeTransportOptions
{
    /// <summary>
    /// libzmq I/O threads, 1-64. Each connection stays on one thread (ordering is kept); with several servers one
    /// thread was the client's bottleneck (2 threads on 2 cores: +25-33 % frames/s with 2 to 256 servers). Default
    /// (null): one per processor, at most 4.
    /// </summary>
    public int? IoThreads { get; init; }
}
