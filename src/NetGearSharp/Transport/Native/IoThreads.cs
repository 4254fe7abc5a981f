namespace NetGearSharp.Transport.Native;

/// <summary>
/// How many I/O threads the native (libzmq) transport runs by default. libzmq's own default is one, which moves every
/// connection's bytes (the kernel copies included) on a single thread: with several servers that thread was the
/// client's bottleneck. Each connection stays on one thread, so ordering is kept. (NetMQ got slower with a second
/// I/O thread in the same test, so it keeps its one.)
/// </summary>
internal static class IoThreads
{
    /// <summary>One per processor, at most 4.</summary>
    public static int Default => Math.Clamp(Environment.ProcessorCount, 1, 4);
}
