namespace NetGearSharp.Transport.Native;

/// <summary>
/// Decides when frame-sized allocations should go straight back to the system: from the moment frames arrive that
/// flow control did not ask for (every server's first frame after it connects: 256 raw VGA servers starting together
/// send 236 MB unasked) until <c>hold</c> has passed without another. Kept memory is what makes large frames cheap
/// in steady state (no page faults), but a burst would leave it all resident for the life of the process.
/// Thread-safe; the switch back runs on a timer.
/// </summary>
internal sealed class HeapBurstMode : IDisposable
{
    private readonly Action<bool> _apply;
    private readonly long _holdTicks;
    private readonly Func<long> _now;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private long _untilTicks;
    private bool _returning;

    /// <param name="apply">Called with true to return frame memory at once, false to keep it; on the caller's or the timer's thread.</param>
    /// <param name="hold">How long after the last unasked frame memory is still returned.</param>
    /// <param name="now">The clock, in <see cref="TimeSpan"/> ticks.</param>
    public HeapBurstMode(Action<bool> apply, TimeSpan hold, Func<long>? now = null)
    {
        _apply = apply;
        _holdTicks = hold.Ticks;
        _now = now ?? (() => Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
        _timer = new Timer(_ => Check(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Whether frame memory is currently returned at once.</summary>
    public bool Returning
    {
        get
        {
            lock (_gate) return _returning;
        }
    }

    /// <summary>A frame arrived that nobody asked for: return frame memory for the next <c>hold</c>.</summary>
    public void UnaskedFrame()
    {
        lock (_gate)
        {
            _untilTicks = _now() + _holdTicks;
            if (_returning) return;
            _returning = true;
            _apply(true);
            _timer.Change(TimeSpan.FromTicks(_holdTicks), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Switches back to keeping memory once the hold has passed (the timer calls it; tests may too).</summary>
    public void Check()
    {
        lock (_gate)
        {
            if (!_returning) return;
            var left = _untilTicks - _now();
            if (left > 0)
            {
                _timer.Change(TimeSpan.FromTicks(left), Timeout.InfiniteTimeSpan);
                return;
            }
            _returning = false;
            _apply(false);
        }
    }

    /// <summary>Stops the timer.</summary>
    public void Dispose() => _timer.Dispose();
}
