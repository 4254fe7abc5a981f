namespace NetGearSharp.Client;

/// <summary>
/// Whether a Request/Reply or Pair server has room in the client's queue for its next frame, so that it may be answered
/// now: its frames not yet taken by the application, with the one answered while it decodes, stay under its share.
/// With <see cref="NetGearClientOptions.QueueCapacity"/> set, that is every server's share. Left unset, the capacity
/// is <see cref="SharedFrames"/> and the servers with frames waiting share it between them, at least one each: one or
/// two busy servers keep up to 8 or 4 frames each, eight or more one each. When the application falls behind many
/// servers, each then waits for its last frame to be taken before it sends the next, so fewer frames queue and wait
/// out the application's stalls, and fewer threads compete with the application's reader for the processors (with 8
/// flat-out servers on 2 cores: p99 1.13-1.26 against 1.43-1.78 ms at about the same frames/s; docs/performance.md,
/// thirty-eighth session). A server alone still streams 8 frames ahead of the application. Receive thread only.
/// </summary>
/// <typeparam name="T">The queue's items.</typeparam>
internal sealed class QueueRoom<T> where T : class
{
    /// <summary>The frames the busy servers share when no capacity was set.</summary>
    public const int SharedFrames = 8;

    private readonly FairQueue<T> _queue;
    private readonly int _capacity;
    private readonly bool _shared;
    private readonly Func<int, int> _ahead;

    /// <param name="queue">The client's queue for the application.</param>
    /// <param name="capacity">Every server's share; when <paramref name="shared"/>, what the busy servers share.</param>
    /// <param name="shared">Whether the busy servers share <paramref name="capacity"/> between them.</param>
    /// <param name="ahead">Frames of a server answered while they decode, not yet queued; null: none.</param>
    public QueueRoom(FairQueue<T> queue, int capacity, bool shared, Func<int, int>? ahead = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _queue = queue;
        _capacity = capacity;
        _shared = shared;
        _ahead = ahead ?? (_ => 0);
    }

    /// <summary>How many frames each server may have waiting now.</summary>
    public int Share => ShareOf(_queue.KeysWithItems);

    /// <summary>
    /// Whether <paramref name="port"/> may be answered now (always once the queue is completed). Its count, the busy
    /// servers and the completion are read at one moment (<see cref="FairQueue{T}.RoomView"/>), while the application
    /// takes frames on its own thread.
    /// </summary>
    public bool For(int port)
    {
        var (count, busy, completed) = _queue.RoomView(port);
        return completed || count + _ahead(port) < ShareOf(busy);
    }

    private int ShareOf(int busyServers) => _shared ? Math.Max(1, _capacity / Math.Max(1, busyServers)) : _capacity;
}
