using System.Collections.Concurrent;
using System.Diagnostics;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// A desktop application's handler hands each server event to its UI thread and waits for it there (WinForms'
/// <c>Control.Invoke</c>, WPF's <c>Dispatcher.Invoke</c>), and the UI thread disposes the client (a Stop button) while
/// such an event waits for it. With <c>Dispose</c> each waits for the other: the client waits for its handlers at most
/// 2 s, so the UI thread gets back, and the handler then completes on it. With <c>await DisposeAsync()</c> the UI thread
/// is free while it waits: the handler runs there, and the dispose completes after it.
/// </summary>
public sealed class UiThreadDisposeTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task Disposing_on_the_ui_thread_that_a_waiting_handler_invokes_returns_and_the_handler_completes(TransportKind transport)
    {
        var port = FreePorts.One();
        using var ui = new UiThread();
        var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
        using var cleanup = new DisposeOnExit(client); // the test disposes it on the UI thread; this, only if it failed first
        using var handlerEntered = new ManualResetEventSlim();
        var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var disposed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ServerJoined += (_, _) =>
        {
            handlerEntered.Set();
            ui.Invoke(() => { }); // waits until the UI thread is free
            handlerDone.TrySetResult();
        };
        ui.Post(() =>
        {
            // The Stop button: pressed while the handler waits for this thread.
            if (!handlerEntered.Wait(TimeSpan.FromSeconds(30))) { disposed.TrySetException(new TimeoutException("no ServerJoined")); return; }
            Thread.Sleep(50); // the handler is inside its Invoke by now
            var clock = Stopwatch.StartNew();
            client.Dispose();
            disposed.TrySetResult(clock.Elapsed);
        });

        using var server = new NetGearServer(ServerFleet.Options(port, NetGearPattern.ReqRep, transport) with { MaxRetries = 1 });
        var sending = Task.Run(() =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            try { server.Send(frame, 0); } catch (NetGearException) { } catch (ObjectDisposedException) { }
        });

        var took = await disposed.Task.WaitAsync(TimeSpan.FromSeconds(40));
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(10)); // bounded: about the handlers' 2 s wait
        await handlerDone.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(ClientEndReason.Disposed, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        server.Abort();
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task Awaiting_DisposeAsync_on_the_ui_thread_lets_a_waiting_handler_run_there_first(TransportKind transport)
    {
        var port = FreePorts.One();
        using var ui = new UiThread();
        var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
        using var cleanup = new DisposeOnExit(client); // the test disposes it on the UI thread; this, only if it failed first
        using var handlerEntered = new ManualResetEventSlim();
        var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var disposing = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ServerJoined += (_, _) =>
        {
            handlerEntered.Set();
            ui.Invoke(() => { });
            handlerDone.TrySetResult();
        };
        ui.Post(() =>
        {
            if (!handlerEntered.Wait(TimeSpan.FromSeconds(30))) { disposing.TrySetException(new TimeoutException("no ServerJoined")); return; }
            Thread.Sleep(50);
            // `await client.DisposeAsync()` in a click handler: the UI thread goes back to its loop while it waits.
            disposing.TrySetResult(client.DisposeAsync().AsTask());
        });

        using var server = new NetGearServer(ServerFleet.Options(port, NetGearPattern.ReqRep, transport) with { MaxRetries = 1 });
        var sending = Task.Run(() =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            try { server.Send(frame, 0); } catch (NetGearException) { } catch (ObjectDisposedException) { }
        });

        var dispose = await disposing.Task.WaitAsync(TimeSpan.FromSeconds(40));
        await dispose.WaitAsync(TimeSpan.FromSeconds(20));
        // The handler ran on the UI thread and completed before DisposeAsync did (it awaits the handlers).
        Assert.True(handlerDone.Task.IsCompletedSuccessfully, "DisposeAsync completed before the handler waiting for the UI thread");
        Assert.Equal(ClientEndReason.Disposed, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        server.Abort();
        await sending.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Disposes the client when the test ends, whatever happened (a second Dispose does nothing).</summary>
    private sealed class DisposeOnExit(NetGearClient client) : IDisposable
    {
        public void Dispose() => client.Dispose();
    }

    /// <summary>A thread that runs what is posted to it, one at a time, as a UI thread's message loop does.</summary>
    private sealed class UiThread : IDisposable
    {
        private readonly BlockingCollection<Action> _work = new();
        private readonly Thread _thread;

        public UiThread()
        {
            _thread = new Thread(() =>
            {
                foreach (var action in _work.GetConsumingEnumerable()) action();
            }) { IsBackground = true, Name = "test UI thread" };
            _thread.Start();
        }

        public void Post(Action action) => _work.Add(action);

        /// <summary>Runs <paramref name="action"/> on the UI thread and waits for it, as Control.Invoke does.</summary>
        public void Invoke(Action action)
        {
            using var done = new ManualResetEventSlim();
            _work.Add(() => { action(); done.Set(); });
            done.Wait();
        }

        public void Dispose()
        {
            _work.CompleteAdding();
            _thread.Join(TimeSpan.FromSeconds(10));
            _work.Dispose();
        }
    }
}
