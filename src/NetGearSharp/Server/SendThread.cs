using NetGearSharp.Threading;

namespace NetGearSharp.Server;

/// <summary>
/// One server's own thread for asynchronous sends: a send that waits for the client's reply (Request/Reply) blocks
/// this thread, never a thread-pool thread; callers await a task completed when the work is done. Started on the first
/// asynchronous call; ends after the work that closes the server. Waits for work without spinning
/// (<see cref="WakeSignal"/>).
/// </summary>
internal sealed class SendThread
{
    private readonly Queue<Action> _work = new();
    private readonly WakeSignal _signal = new();
    private bool _completed;
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
        void Item()
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
        bool queued;
        lock (_work)
        {
            queued = !_completed;
            if (queued)
            {
                _work.Enqueue(Item);
                _completed = last;
            }
        }
        if (queued) _signal.Set();
        else Item(); // closed meanwhile: the work runs on the caller (it finds the server closed and returns or throws at once)
        return done.Task;
    }

    /// <summary>No more work: the thread ends once the queued work is done.</summary>
    public void Complete()
    {
        lock (_work) _completed = true;
        _signal.Set();
    }

    private void Run()
    {
        while (true)
        {
            Action? item = null;
            bool ended;
            lock (_work)
            {
                if (_work.Count > 0) item = _work.Dequeue();
                ended = item is null && _completed;
            }
            if (item is not null) item();
            else if (ended) return;
            else _signal.Wait(Timeout.InfiniteTimeSpan);
        }
    }
}
