using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// The bytes the C library's allocator has handed out and not yet been given back (glibc's <c>mallinfo2</c>: the
/// heaps' chunks in use plus the ones mapped on their own). libzmq keeps every message it receives there, and
/// nothing of .NET's managed heap is counted, so unlike the resident size it follows what libzmq holds and falls
/// again when libzmq frees it.
/// </summary>
internal static partial class MallocHeap
{
    private static int s_missing;

    /// <summary>The bytes in use now; null where the C library is not glibc 2.33 or later.</summary>
    public static long? InUse()
    {
        if (!OperatingSystem.IsLinux() || Volatile.Read(ref s_missing) != 0) return null;
        try
        {
            var info = MallInfo2();
            return (long)(info.InUseBytes + info.MappedBytes);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            Volatile.Write(ref s_missing, 1);
            return null;
        }
    }

    /// <summary>Whether <see cref="InUse"/> can be read in this process.</summary>
    public static bool Available => InUse() is not null;

    [LibraryImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static partial Info MallInfo2();

    /// <summary>glibc's <c>struct mallinfo2</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Info
    {
        public readonly nuint Arena;
        public readonly nuint FreeChunks;
        public readonly nuint FastBins;
        public readonly nuint MappedRegions;
        public readonly nuint MappedBytes;
        public readonly nuint MaxTotalAllocated;
        public readonly nuint FastBinBytes;
        public readonly nuint InUseBytes;
        public readonly nuint FreeBytes;
        public readonly nuint Releasable;
    }
}
