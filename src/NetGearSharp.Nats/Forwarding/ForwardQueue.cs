namespace NetGearSharp.Nats.Forwarding;

/// <summary>
/// The bounded buffer between the client and NATS. Frames beyond the capacity push out the oldest waiting frame
/// (newest first: a live view wants the latest); state events keep their place in the order and are not dropped. Past
/// <see cref="MaxWaitingStates"/> waiting (NATS away for long, servers coming and going), a server's new state change
/// is merged with its last one still waiting (A to B, then B to C: A to C, at the new one's place; A to A: both go), so
/// each server's last state always arrives and the waiting states stay bounded. Adding never blocks.
/// </summary>
internal sealed class ForwardQueue
{
    private readonly object _gate = new();
    private readonly Queue<ForwardItem> _frames = new();
    private readonly LinkedList<ForwardItem> _states = new();
    /// <summary>Each server's last state change still waiting.</summary>
    private readonly Dictionary<int, LinkedListNode<ForwardItem>> _lastStateOf = [];
    private long _statesMerged;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly int _capacity;
    private long _order;
    private bool _completed;

    /// <param name="capacity">The most frames waiting.</param>
    /// <param name="maxWaitingStates">The most state changes waiting before a server's are merged (<see cref="MaxWaitingStates"/>).</param>
    public ForwardQueue(int capacity, int maxWaitingStates = MaxWaitingStates)
    {
        _capacity = capacity;
        _maxWaitingStates = maxWaitingStates;
    }

    /// <summary>The most state changes waiting before a server's new one merges with its last waiting one.</summary>
    public const int MaxWaitingStates = 10_000;

    private readonly int _maxWaitingStates;

    /// <summary>State changes merged into a later one of the same server (or, going back to where they started, both left out).</summary>
    public long StatesMerged
    {
        get { lock (_gate) return _statesMerged; }
    }

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
            if (_states.Count >= _maxWaitingStates && _lastStateOf.Remove(item.Port, out var last))
            {
                _states.Remove(last);
                _statesMerged++;
                RememberLastStateOf(item.Port);
                if (last.Value.Previous == item.State)
                {
                    // Back where it started: nothing to tell. One item fewer, so one signal fewer (it was given for it).
                    _signal.Wait(0);
                    return;
                }
                item = new ForwardItem { Port = item.Port, IsState = true, Previous = last.Value.Previous, State = item.State, Sequence = item.Sequence };
                item.Order = ++_order;
                _lastStateOf[item.Port] = _states.AddLast(item);
                return; // one out, one in: its signal was given already
            }
            item.Order = ++_order;
            _lastStateOf[item.Port] = _states.AddLast(item);
        }
        _signal.Release();
    }

    /// <summary>After a server's last waiting state was taken out: the one before it, if any, is now its last.</summary>
    private void RememberLastStateOf(int port)
    {
        for (var node = _states.Last; node is not null; node = node.Previous)
        {
            if (node.Value.Port != port) continue;
            _lastStateOf[port] = node;
            return;
        }
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
                var state = _states.First?.Value;
                if (frame is not null || state is not null)
                {
                    if (state is null || (frame is not null && frame.Order < state.Order)) return _frames.Dequeue();
                    _states.RemoveFirst();
                    if (_lastStateOf.TryGetValue(state.Port, out var last) && ReferenceEquals(last.Value, state)) _lastStateOf.Remove(state.Port);
                    return state;
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
            _lastStateOf.Clear();
            return all;
        }
    }
}
