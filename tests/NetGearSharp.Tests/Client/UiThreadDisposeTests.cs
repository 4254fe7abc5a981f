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
        using var scene = new StopButtonScene(transport);
        var took = await scene.Press(client =>
        {
            var clock = Stopwatch.StartNew();
            client.Dispose();
            return clock.Elapsed;
        }).WaitAsync(TimeSpan.FromSeconds(40));
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(10)); // bounded: about the handlers' 2 s wait
        await scene.HandlerDone.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(ClientEndReason.Disposed, await scene.Client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        await scene.StopServerAsync();
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task Awaiting_DisposeAsync_on_the_ui_thread_lets_a_waiting_handler_run_there_first(TransportKind transport)
    {
        using var scene = new StopButtonScene(transport);
        // `await client.DisposeAsync()` in a click handler: the UI thread goes back to its loop while it waits.
        var dispose = await scene.Press(client => client.DisposeAsync().AsTask()).WaitAsync(TimeSpan.FromSeconds(40));
        await dispose.WaitAsync(TimeSpan.FromSeconds(20));
        // The handler ran on the UI thread and completed before DisposeAsync did (it awaits the handlers).
        Assert.True(scene.HandlerDone.IsCompletedSuccessfully, "DisposeAsync completed before the handler waiting for the UI thread");
        Assert.Equal(ClientEndReason.Disposed, await scene.Client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        await scene.StopServerAsync();
    }

    /// <summary>
    /// A client whose <c>ServerJoined</c> handler waits for the UI thread (<see cref="UiThread.Invoke"/>), a server that
    /// joins, and the UI thread's Stop button (<see cref="Press{T}"/>) pressed while the handler waits for it.
    /// </summary>
    private sealed class StopButtonScene : IDisposable
    {
        private readonly UiThread _ui = new();
        private readonly DisposeOnExit _cleanup; // the test disposes the client on the UI thread; this, only if it failed first
        private readonly ManualResetEventSlim _handlerEntered = new();
        private readonly TaskCompletionSource _handlerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TransportKind _transport;
        private readonly int _port = FreePorts.One();
        private NetGearServer? _server;
        private Task? _sending;

        public StopButtonScene(TransportKind transport)
        {
            _transport = transport;
            Client = new NetGearClient(ServerFleet.ClientOptions([_port], NetGearPattern.ReqRep, transport));
            _cleanup = new DisposeOnExit(Client);
            Client.ServerJoined += (_, _) =>
            {
                _handlerEntered.Set();
                _ui.Invoke(() => { }); // waits until the UI thread is free
                _handlerDone.TrySetResult();
            };
        }

        public NetGearClient Client { get; }

        /// <summary>Completes when the handler got through its wait for the UI thread.</summary>
        public Task HandlerDone => _handlerDone.Task;

        /// <summary>
        /// Once the handler waits for the UI thread, runs <paramref name="onUiThread"/> there (the Stop button); a server
        /// joins meanwhile. The result is what it returned.
        /// </summary>
        public Task<T> Press<T>(Func<NetGearClient, T> onUiThread)
        {
            var pressed = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ui.Post(() =>
            {
                if (!_handlerEntered.Wait(TimeSpan.FromSeconds(30))) { pressed.TrySetException(new TimeoutException("no ServerJoined")); return; }
                Thread.Sleep(50); // the handler is inside its Invoke by now
                pressed.TrySetResult(onUiThread(Client));
            });
            _server = new NetGearServer(ServerFleet.Options(_port, NetGearPattern.ReqRep, _transport) with { MaxRetries = 1 });
            var server = _server;
            _sending = Task.Run(() =>
            {
                using var frame = TestFrames.Numbered(0, 0);
                try { server.Send(frame, 0); } catch (NetGearException) { } catch (ObjectDisposedException) { }
            });
            return pressed.Task;
        }

        /// <summary>Ends the server's send.</summary>
        public async Task StopServerAsync()
        {
            _server?.Abort();
            if (_sending is not null) await _sending.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public void Dispose()
        {
            _server?.Dispose();
            _cleanup.Dispose();
            _ui.Dispose();
            _handlerEntered.Dispose();
        }
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
