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

    /// <summary>Queues <paramref name="work"/>; the task completes with its result or its exception.</summary>
    /// <param name="work">The work.</param>
    /// <param name="last">Whether this is the last work (the thread ends after it).</param>
    public Task<T> Run<T>(Func<T> work, bool last = false)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Item() => Complete(done, work);
        if (!_work.TryAdd(Item, completeAfter: last))
            Item(); // closed meanwhile: the work runs on the caller (it finds the server closed and returns or throws at once)
        return done.Task;
    }

    /// <summary>
    /// Queues <paramref name="work"/> as <see cref="Run{T}(Func{T}, bool)"/>; when <paramref name="cancellationToken"/>
    /// is cancelled before the work has started, the task is cancelled at once and the work never runs (a caller may
    /// then reuse or dispose what the work would have read). Once started, the work itself watches the token.
    /// </summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled) return Run(work);
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
        if (!_work.TryAdd(Item)) Item();
        return done.Task;
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
