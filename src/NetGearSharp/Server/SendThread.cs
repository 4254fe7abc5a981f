using System.Collections.Concurrent;

namespace NetGearSharp.Server;

/// <summary>
/// One server's own thread for asynchronous sends: a send that waits for the client's reply (Request/Reply) blocks
/// this thread, never a thread-pool thread; callers await a task completed when the work is done. Started on the first
/// asynchronous call; ends after the work that closes the server.
/// </summary>
internal sealed class SendThread
{
    private readonly BlockingCollection<Action> _work = new();
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
        try
        {
            _work.Add(Item);
            if (last) _work.CompleteAdding();
        }
        catch (InvalidOperationException)
        {
            // Closed meanwhile: the work runs on the caller (it finds the server closed and returns or throws at once).
            Item();
        }
        return done.Task;
    }

    /// <summary>No more work: the thread ends once the queued work is done.</summary>
    public void Complete()
    {
        try
        {
            _work.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
            // already ended
        }
    }

    private void Run()
    {
        foreach (var item in _work.GetConsumingEnumerable()) item();
    }
}
