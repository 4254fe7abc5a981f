namespace NetGearSharp.Threading;

/// <summary>
/// A work queue for the library's own threads, as <c>BlockingCollection</c> is, whose takers block at once instead of
/// spinning (<see cref="WakeSignal"/>). Any number of adders and takers; once completed, adds are refused and takers
/// drain what is left, then get false. Thread-safe.
/// </summary>
internal sealed class WakeQueue<T>
{
    private readonly Queue<T> _items = new();
    private readonly WakeSignal _signal = new();
    private bool _completed;

    /// <summary>Adds an item; false (the item not added) once completed.</summary>
    /// <param name="item">The item.</param>
    /// <param name="completeAfter">Whether this is the last item: the queue completes with it, in one step.</param>
    public bool TryAdd(T item, bool completeAfter = false)
    {
        lock (_items)
        {
            if (_completed) return false;
            _items.Enqueue(item);
            _completed = completeAfter;
        }
        _signal.Set();
        return true;
    }

    /// <summary>No more items: takers drain what is left, then get false.</summary>
    public void CompleteAdding()
    {
        lock (_items) _completed = true;
        _signal.Set();
    }

    /// <summary>Blocks until an item is there and takes it; false once the queue is completed and empty.</summary>
    public bool Take(out T item)
    {
        while (true)
        {
            bool ended;
            lock (_items)
            {
                if (_items.TryDequeue(out item!))
                {
                    // One wake-up is pending at most: pass it on while items are left for other takers, and once
                    // completed (the completion's wake-up may be the one this taker took with the last item).
                    if (_items.Count > 0 || _completed) _signal.Set();
                    return true;
                }
                ended = _completed;
            }
            if (ended)
            {
                _signal.Set(); // wake the next taker, which ends too
                return false;
            }
            _signal.Wait(Timeout.InfiniteTimeSpan);
        }
    }
}
