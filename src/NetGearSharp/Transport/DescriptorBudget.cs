using System.Runtime.InteropServices;

namespace NetGearSharp.Transport;

/// <summary>
/// How many file descriptors the process may still open: its soft <c>RLIMIT_NOFILE</c> minus the entries of
/// <c>/proc/self/fd</c>. Linux only; elsewhere (or with no limit) the budget is never short.
/// </summary>
internal static partial class DescriptorBudget
{
    private const int RlimitNoFile = 7;

    /// <summary>The process's soft descriptor limit; null where it cannot be read or is unlimited.</summary>
    public static long? SoftLimit()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            if (getrlimit(RlimitNoFile, out var limit) != 0 || limit.Current > int.MaxValue) return null;
            return (long)limit.Current;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Descriptors the process can still open below <paramref name="softLimit"/>; 0 when even listing them fails
    /// because none is left.
    /// </summary>
    public static long Free(long softLimit)
    {
        try
        {
            long open = 0;
            foreach (var _ in Directory.EnumerateFileSystemEntries("/proc/self/fd")) open++;
            return Math.Max(0, softLimit - open);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>
    /// How many descriptors are kept free for everything else the process does (the .NET runtime opens files when it
    /// starts a thread or reads its memory limits, and ends with "Out of memory." when it cannot): a sixteenth of the
    /// limit, at least 32.
    /// </summary>
    public static long Reserve(long softLimit) => Math.Max(32, softLimit / 16);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);
}
