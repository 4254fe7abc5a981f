namespace NetGearSharp.Transport.Native;

/// <summary>
/// How <see cref="UnreadBytesGuard"/> tells a message of many small parts, which makes libzmq hold far more than it
/// sent: what it reads of the process's memory, how much growth beyond what the connections received it forgives, and
/// how long a message must have been in progress first.
/// </summary>
/// <param name="Read">Reads the memory now; null where it cannot be read.</param>
/// <param name="Slack">How much more than its connections received the memory may grow while a message is in progress.</param>
/// <param name="AfterMs">How long a message must have been in progress before its connection is taken for such a one.</param>
/// <param name="What">What is read, for the event's detail.</param>
internal sealed record HeldMemory(Func<long?> Read, long Slack, long AfterMs, string What)
{
    private const long Mib = 1024 * 1024;

    /// <summary>
    /// The C heap (glibc): libzmq keeps its messages there and little else of a client grows there, so the slack
    /// is small and the wait short. A frame holds about what it sent; 96 MiB is more than the application's own
    /// native allocations (OpenCV's windows, a recorder's encoder) add while a frame is in flight.
    /// </summary>
    public static HeldMemory Heap { get; } = new(MallocHeap.InUse, 96 * Mib, 100, "the C heap");

    /// <summary>
    /// The resident size, where the C heap cannot be read: it also grows with the managed heap (the first JPEG frames
    /// of many servers decoded at once) and does not fall when libzmq frees, so the slack is large and the wait long.
    /// </summary>
    public static HeldMemory Resident { get; } = new(ResidentMemory.Bytes, 512 * Mib, 1000, "the process");

    /// <summary>
    /// Nothing: for a socket whose messages' parts are counted as libzmq reads them (<see cref="Wire.WireHooks"/>), where
    /// many small parts cannot pile up, so the memory's growth (the application's own native allocations too) never
    /// closes a connection.
    /// </summary>
    public static HeldMemory Off { get; } = new(() => null, long.MaxValue, long.MaxValue, "nothing");

    /// <summary>The C heap where it can be read, else the resident size.</summary>
    public static HeldMemory Best() => MallocHeap.Available ? Heap : Resident;
}
