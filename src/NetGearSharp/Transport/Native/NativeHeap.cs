using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Tunes glibc's allocator for frame-sized libzmq messages. libzmq allocates every received (and sent) message of
/// ~1 MB with malloc on one thread and frees it on another; glibc then trims the I/O thread's arena after each
/// free, so the next message faults in and zeroes fresh pages. Fixed thresholds keep that memory for reuse. But kept
/// memory is never given back: a burst of frames nobody asked for (hundreds of servers' first frames at once) would
/// leave the I/O threads' arenas fully resident for good, so during such a burst
/// (<see cref="UnaskedFrame"/>, <see cref="HeapBurstMode"/>) frames of 128 KiB or more are served by their own
/// mmap, as glibc does by default, and unmapped when freed. Process-wide, so only <see cref="NetGearProcessTuning.Apply"/>
/// turns it on; does nothing where the C library is not glibc.
/// </summary>
internal static partial class NativeHeap
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;
    private const int KeptUpTo = 32 * 1024 * 1024;
    private const int ReturnedFrom = 128 * 1024;

    /// <summary>How long after the last unasked frame frame memory is still returned at once.</summary>
    public static readonly TimeSpan BurstHold = TimeSpan.FromSeconds(1);

    private static bool s_tuned;
    private static long s_calls;
    private static readonly Lazy<HeapBurstMode> Burst = new(() => new HeapBurstMode(
        returning => Mallopt(MMmapThreshold, returning ? ReturnedFrom : KeptUpTo), BurstHold));

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MalloptNative(int param, int value);

    private static int Mallopt(int param, int value)
    {
        Interlocked.Increment(ref s_calls);
        return MalloptNative(param, value);
    }

    /// <summary>How many times the allocator was changed in this process (for the host test: none without the opt-in).</summary>
    public static long AllocatorCalls => Interlocked.Read(ref s_calls);

    /// <summary>Whether the allocator is tuned (only after <see cref="NetGearProcessTuning.Apply"/>).</summary>
    public static bool Tuned => Volatile.Read(ref s_tuned);

    /// <summary>
    /// Keeps up to 256 MB of freed heap and serves allocations up to 32 MB from the heap (not mmap). Called only by
    /// <see cref="NetGearProcessTuning.Apply"/>.
    /// </summary>
    public static void TuneForLargeMessages()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            Mallopt(MMmapThreshold, KeptUpTo);
            Mallopt(MTrimThreshold, 256 * 1024 * 1024);
            Volatile.Write(ref s_tuned, true);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, ...): nothing to tune.
        }
    }

    /// <summary>
    /// A frame arrived that flow control did not ask for (a server's first): large allocations are returned at once
    /// until <see cref="BurstHold"/> passes without another. Does nothing where the allocator is not tuned.
    /// </summary>
    public static void UnaskedFrame()
    {
        if (Volatile.Read(ref s_tuned)) Burst.Value.UnaskedFrame();
    }

    /// <summary>Whether large allocations are currently returned at once (a burst of unasked frames).</summary>
    public static bool Returning => Volatile.Read(ref s_tuned) && Burst.IsValueCreated && Burst.Value.Returning;
}
