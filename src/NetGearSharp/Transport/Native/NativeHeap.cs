using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Tunes glibc's allocator for frame-sized libzmq messages. libzmq allocates every received (and sent) message of
/// ~1 MB with malloc on one thread and frees it on another; glibc then trims the I/O thread's arena after each
/// free, so the next message faults in and zeroes ~225 fresh pages (profiled: a fifth of the client's CPU in
/// page faults under <c>_copy_to_iter</c>). Fixed thresholds keep that memory for reuse. Process-wide; skipped when
/// <c>NETGEARSHARP_KEEP_MALLOC=1</c> or where the C library is not glibc.
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>Environment variable that leaves the allocator alone.</summary>
    public const string OptOutVariable = "NETGEARSHARP_KEEP_MALLOC";

    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);

    /// <summary>Keeps up to 256 MB of freed heap and serves allocations up to 32 MB from the heap (not mmap).</summary>
    public static void TuneForLargeMessages()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(OptOutVariable) == "1") return;
        try
        {
            Mallopt(MMmapThreshold, 32 * 1024 * 1024);
            Mallopt(MTrimThreshold, 256 * 1024 * 1024);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, ...): nothing to tune.
        }
    }
}
