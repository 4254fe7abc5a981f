using NetGearSharp.Threading;
using NetGearSharp.Timing;

namespace NetGearSharp.Client;

/// <summary>
/// Bounded per-key queues read in round-robin order across keys, so one fast key cannot starve the others.
/// When a key's queue is full, either the oldest item is dropped (newest wins) or the item is still added and the
/// caller holds the producer back (<see cref="QueueRoom{T}"/> decides from <see cref="RoomView"/>).
/// Thread-safe; any number of readers and writers. With a size function it also keeps the bytes of what it holds.
/// </summary>
internal sealed class FairQueue<T> : IUndeliveredFrames where T : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Queue<T>> _queues = new();
    private readonly LinkedList<int> _ready = new();
    private readonly Dictionary<int, LinkedListNode<int>> _readyNodes = new();
    private readonly WakeSignal _signal = new();
    private readonly int _capacity;
    private readonly bool _dropOldest;
    private readonly Func<T, long>? _sizeOf;
    private int _count;
    private long _bytes;
    private long _readerWakes;
    private bool _completed;
    private readonly MonotonicClock _clock;

    /// <param name="capacity">Items per key.</param>
    /// <param name="dropOldest">Whether a full key drops its oldest item; otherwise the item is still added.</param>
    /// <param name="sizeOf">The bytes of an item, for <see cref="UndeliveredBytes"/>; null counts 0.</param>
    /// <param name="clock">The clock for wait timeouts; null: the system's.</param>
    public FairQueue(int capacity, bool dropOldest, Func<T, long>? sizeOf = null, MonotonicClock? clock = null)
    {
        _clock = clock ?? MonotonicClock.System;
        _capacity = capacity;
        _dropOldest = dropOldest;
        _sizeOf = sizeOf;
    }

    /// <summary>Items queued across all keys.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public int UndeliveredCount => Count;

    /// <inheritdoc />
    public long UndeliveredBytes => Volatile.Read(ref _bytes);

    /// <summary>Whether <see cref="Complete"/> was called.</summary>
    public bool IsCompleted { get { lock (_gate) return _completed; } }

    /// <summary>Keys with at least one item queued.</summary>
    public int KeysWithItems
    {
        get { lock (_gate) return _readyNodes.Count; }
    }

    /// <summary>
    /// Read together, under one lock: the items queued for <paramref name="key"/>, how many keys have items, and
    /// whether <see cref="Complete"/> was called (<see cref="QueueRoom{T}"/> decides from all three at once).
    /// </summary>
    public (int Count, int KeysWithItems, bool Completed) RoomView(int key)
    {
        lock (_gate) return (_queues.TryGetValue(key, out var q) ? q.Count : 0, _readyNodes.Count, _completed);
    }

    /// <summary>Times a reader was signalled for items added (<see cref="TryEnqueue"/> with a wake-up, <see cref="Wake"/>); tests read it.</summary>
    internal long ReaderWakes => Volatile.Read(ref _readerWakes);

    /// <summary>Adds an item. Returns false (and leaves the item to the caller) when completed.</summary>
    /// <param name="key">The queue.</param>
    /// <param name="item">The item.</param>
    /// <param name="dropped">The oldest item, removed to make room (drop-oldest mode); the caller disposes it.</param>
    /// <param name="wake">Whether a waiting reader is woken now; false: the caller calls <see cref="Wake"/> once it has
    /// done what should come first (a reader may still take the item meanwhile if it was not waiting).</param>
    public bool TryEnqueue(int key, T item, out T? dropped, bool wake = true)
    {
        dropped = null;
        lock (_gate)
        {
            if (_completed) return false;
            if (!_queues.TryGetValue(key, out var queue)) _queues[key] = queue = new Queue<T>();
            if (queue.Count >= _capacity && _dropOldest)
            {
                dropped = queue.Dequeue();
                _count--;
                _bytes -= SizeOf(dropped);
            }
            queue.Enqueue(item);
            _count++;
            _bytes += SizeOf(item);
            if (!_readyNodes.ContainsKey(key)) _readyNodes[key] = _ready.AddLast(key);
            if (wake) WakeLocked();
            return true;
        }
    }

    /// <summary>Wakes a waiting reader for the items added with <see cref="TryEnqueue"/> without a wake-up, if any are left.</summary>
    /// <returns>True when items are left for a reader (one waiting was woken for them); false when none are left.</returns>
    public bool Wake()
    {
        lock (_gate)
        {
            if (_count == 0) return false;
            WakeLocked();
            return true;
        }
    }

    /// <summary>Takes the next item in round-robin order across keys.</summary>
    public bool TryDequeue(out T? item)
    {
        lock (_gate)
        {
            var node = _ready.First;
            if (node is null)
            {
                item = null;
                return false;
            }
            var queue = _queues[node.Value];
            item = queue.Dequeue();
            _count--;
            _bytes -= SizeOf(item);
            _ready.RemoveFirst();
            if (queue.Count > 0) _ready.AddLast(node);
            else _readyNodes.Remove(node.Value);
            // Passed on while items are left, and once completed: a completion's wake-up can be the one this reader
            // took (it came before the reader ran), and the other waiters must still wake to see it.
            if (_count > 0 || _completed) SignalLocked();
            return true;
        }
    }

    /// <summary>Waits for an item. Returns false when completed and empty, or on timeout.</summary>
    public async ValueTask<(bool Ok, T? Item)> DequeueAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _clock.DeadlineAfter(timeout);
        while (true)
        {
            if (TryDequeue(out var item)) return (true, item);
            if (IsCompleted) { _signal.Set(); return (false, null); }
            var left = _clock.Left(deadline);
            if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero) return (false, null);
            await _signal.WaitAsync(left, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Blocking variant of <see cref="DequeueAsync"/>.</summary>
    public bool Dequeue(TimeSpan timeout, CancellationToken cancellationToken, out T? item)
    {
        var deadline = _clock.DeadlineAfter(timeout);
        while (true)
        {
            if (TryDequeue(out item)) return true;
            if (IsCompleted) { _signal.Set(); return false; }
            var left = _clock.Left(deadline);
            if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero) return false;
            _signal.Wait(left, cancellationToken);
        }
    }

    /// <summary>No more items will be added; readers drain what is left, then get false.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            _signal.Set();
        }
    }

    /// <summary>Removes and returns everything left (for disposal).</summary>
    public List<T> DrainAll()
    {
        var all = new List<T>();
        while (TryDequeue(out var item)) all.Add(item!);
        return all;
    }

    private long SizeOf(T item) => _sizeOf is null ? 0 : _sizeOf(item);

    private void WakeLocked()
    {
        _readerWakes++;
        SignalLocked();
    }

    private void SignalLocked()
    {
        // At most one pending wake-up: readers loop and re-check, and a reader that takes an item passes the signal on
        // while items are left or the queue is completed (TryDequeue).
        // Readers block without spinning (WakeSignal): a reader that spun would take a core from the receive thread.
        _signal.Set();
    }
}
