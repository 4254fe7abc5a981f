namespace NetGearSharp.Nats.Forwarding;

/// <summary>
/// The bounded buffer between the client and NATS. Frames beyond the capacity push out the oldest waiting frame
/// (newest first: a live view wants the latest); state events are never dropped and keep their place in the order.
/// Adding never blocks.
/// </summary>
internal sealed class ForwardQueue
{
    private readonly object _gate = new();
    private readonly Queue<ForwardItem> _frames = new();
    private readonly Queue<ForwardItem> _states = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly int _capacity;
    private long _order;
    private bool _completed;

    public ForwardQueue(int capacity) => _capacity = capacity;

    public int FrameCount
    {
        get { lock (_gate) return _frames.Count; }
    }

    /// <summary>Adds a frame; returns the frame it pushed out, if any (the caller counts and releases it).</summary>
    public ForwardItem? AddFrame(ForwardItem item)
    {
        ForwardItem? dropped = null;
        lock (_gate)
        {
            if (_completed) return item;
            if (_frames.Count >= _capacity) dropped = _frames.Dequeue();
            item.Order = ++_order;
            _frames.Enqueue(item);
        }
        if (dropped is null) _signal.Release();
        return dropped;
    }

    public void AddState(ForwardItem item)
    {
        lock (_gate)
        {
            if (_completed) return;
            item.Order = ++_order;
            _states.Enqueue(item);
        }
        _signal.Release();
    }

    /// <summary>No more items; the reader ends when the queue is empty.</summary>
    public void Complete()
    {
        lock (_gate) _completed = true;
        _signal.Release();
    }

    /// <summary>The next item in the order they were added, or null when completed and empty.</summary>
    public async ValueTask<ForwardItem?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                var frame = _frames.Count > 0 ? _frames.Peek() : null;
                var state = _states.Count > 0 ? _states.Peek() : null;
                if (frame is not null || state is not null)
                {
                    return state is not null && (frame is null || state.Order < frame.Order) ? _states.Dequeue() : _frames.Dequeue();
                }
                if (_completed) return null;
            }
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes everything left (to release it).</summary>
    public List<ForwardItem> TakeAll()
    {
        lock (_gate)
        {
            var all = new List<ForwardItem>(_frames);
            all.AddRange(_states);
            _frames.Clear();
            _states.Clear();
            return all;
        }
    }
}
