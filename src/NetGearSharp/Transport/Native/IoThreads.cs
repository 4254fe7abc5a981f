namespace NetGearSharp.Transport.Native;

/// <summary>
/// How many I/O threads the native (libzmq) transport runs. libzmq's default is one, which moves every connection's
/// bytes (the kernel copies included) on a single thread: with several servers that thread was the client's
/// bottleneck (2 threads on 2 cores: +25-33 % frames/s with 2 to 256 servers). Each connection stays on one thread,
/// so ordering is kept. Default: one per processor, at most 4; an environment variable overrides. (NetMQ got slower
/// with a second I/O thread in the same test, so it keeps its one.)
/// </summary>
internal static class IoThreads
{
    /// <summary>The default, or the value of <paramref name="variable"/> when it holds a number from 1 to 64.</summary>
    public static int For(string variable)
        => int.TryParse(Environment.GetEnvironmentVariable(variable), out var n) && n is >= 1 and <= 64
            ? n
            : Math.Clamp(Environment.ProcessorCount, 1, 4);
}
