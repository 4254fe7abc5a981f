using NetGearSharp.Threading;

namespace NetGearSharp.Server;

/// <summary>
/// One server's own thread for asynchronous sends: a send that waits for the client's reply (Request/Reply) blocks
/// this thread, never a thread-pool thread; callers await a task completed when the work is done. Started on the first
/// asynchronous call; ends after the work that closes the server. Waits for work without spinning
/// (<see cref="WakeQueue{T}"/>).
/// </summary>
internal sealed class SendThread
{
    private readonly WakeQueue<Action> _work = new();
    private readonly Thread _thread;

    public SendThread(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>
    /// Queues <paramref name="work"/>; the task completes with its result or its exception. Null when the thread takes
    /// no more work (the server's close is queued or done): the work never runs, on this thread or the caller's.
    /// </summary>
    /// <param name="work">The work.</param>
    /// <param name="last">Whether this is the last work (the thread ends after it).</param>
    public Task<T>? TryRun<T>(Func<T> work, bool last = false)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Item() => Complete(done, work);
        return _work.TryAdd(Item, completeAfter: last) ? done.Task : null;
    }

    /// <summary>
    /// Queues <paramref name="work"/> as <see cref="TryRun{T}(Func{T}, bool)"/>; when <paramref name="cancellationToken"/>
    /// is cancelled before the work has started, the task is cancelled at once and the work never runs (a caller may
    /// then reuse or dispose what the work would have read). Once started, the work itself watches the token.
    /// </summary>
    public Task<T>? TryRun<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) return TryRun(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var state = Queued;
        // Registered before the work is queued: a token cancelled already cancels the task here and now.
        var registration = cancellationToken.Register(() =>
        {
            if (Interlocked.CompareExchange(ref state, CancelledBeforeStart, Queued) == Queued) done.TrySetCanceled(cancellationToken);
        });
        void Item()
        {
            if (Interlocked.CompareExchange(ref state, Started, Queued) != Queued) return; // cancelled while queued
            registration.Dispose();
            Complete(done, work);
        }
        if (_work.TryAdd(Item)) return done.Task;
        registration.Unregister(); // the work was never queued: nothing to cancel
        return null;
    }

    private const int Queued = 0, Started = 1, CancelledBeforeStart = 2;

    /// <summary>Runs <paramref name="work"/> and completes <paramref name="done"/> with its result, its cancellation or its exception.</summary>
    private static void Complete<T>(TaskCompletionSource<T> done, Func<T> work)
    {
        try
        {
            done.TrySetResult(work());
        }
        catch (OperationCanceledException ex)
        {
            done.TrySetCanceled(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            done.TrySetException(ex);
        }
    }

    /// <summary>No more work: the thread ends once the queued work is done.</summary>
    public void Complete()
    {
        _work.CompleteAdding();
    }

    private void Run()
    {
        while (_work.Take(out var item)) item();
    }
}
