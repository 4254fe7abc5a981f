namespace NetGearSharp.Threading;

/// <summary>
/// A signal with at most one pending wake-up (a binary semaphore) whose waiters block at once, without spinning.
/// <see cref="SemaphoreSlim.Wait(TimeSpan, CancellationToken)"/> and <c>BlockingCollection</c> spin and call
/// <c>sched_yield</c> up to 140 times before they block; a thread that waits for every frame (the application's reader,
/// a decode worker) then spends much of a core spinning, on a machine whose cores are all busy moving frames
/// (docs/performance.md, "Fourteenth session"). Waiters re-check their condition after every wake-up: a wake-up may
/// be for a condition another waiter has already consumed. Sync and async waiters may be mixed. Thread-safe.
/// </summary>
internal sealed class WakeSignal
{
    private readonly object _sync = new();
    private bool _set;
    private int _blockedWaiters;
    /// <summary>Completed at the next <see cref="Set"/>; shared by every async waiter meanwhile.</summary>
    private TaskCompletionSource? _asyncWaiters;

    /// <summary>Whether a wake-up is pending (set and not yet taken by a waiter).</summary>
    public bool IsSet
    {
        get { lock (_sync) return _set; }
    }

    /// <summary>Leaves one wake-up pending (a second one before it is taken changes nothing) and wakes a waiter.</summary>
    public void Set()
    {
        TaskCompletionSource? wake;
        lock (_sync)
        {
            _set = true;
            if (_blockedWaiters > 0) Monitor.Pulse(_sync);
            wake = _asyncWaiters;
            _asyncWaiters = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>Blocks until a wake-up is pending and takes it. False on timeout.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var deadline = timeout == Timeout.InfiniteTimeSpan ? -1 : Environment.TickCount64 + Milliseconds(timeout);
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((WakeSignal)state!).WakeBlocked(), this)
            : default;
        lock (_sync)
        {
            _blockedWaiters++;
            try
            {
                while (!_set)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var left = deadline < 0 ? Timeout.Infinite : (int)Math.Min(int.MaxValue, deadline - Environment.TickCount64);
                    if (deadline >= 0 && left <= 0) return false;
                    Monitor.Wait(_sync, left);
                }
                _set = false;
                return true;
            }
            finally
            {
                _blockedWaiters--;
            }
        }
    }

    /// <summary>Waits without blocking a thread until a wake-up is pending and takes it. False on timeout.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    public async ValueTask<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? -1 : Environment.TickCount64 + Milliseconds(timeout);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task next;
            lock (_sync)
            {
                if (_set)
                {
                    _set = false;
                    return true;
                }
                next = (_asyncWaiters ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            if (deadline < 0)
            {
                await next.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            var left = deadline - Environment.TickCount64;
            if (left <= 0) return false;
            try
            {
                // A timer cannot wait longer than about 49 days: a longer wait goes on in steps of this loop.
                await next.WaitAsync(TimeSpan.FromMilliseconds(Math.Min(left, int.MaxValue)), cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Checked at the top of the loop: a wake-up may have come at the last moment.
            }
        }
    }

    private void WakeBlocked()
    {
        lock (_sync) Monitor.PulseAll(_sync);
    }

    private static long Milliseconds(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        return (long)Math.Ceiling(timeout.TotalMilliseconds);
    }
}
