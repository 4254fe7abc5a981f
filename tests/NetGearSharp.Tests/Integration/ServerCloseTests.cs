using NetGearSharp.Tests.Support;
using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// Closing a server while one of its sends waits on the network (for a client that never comes, or for a reply that
/// never comes) ends that send instead of waiting behind it: a shutdown never hangs on a send.
/// </summary>
public class ServerCloseTests
{
    /// <summary>
    /// A close's own bound: its goodbye waits up to a fifth of the request timeout, at most 2 s, to be sent and as long for
    /// its answer. A close that waited for the send would wait for ever (no client) or 3 x 20 s (no reply).
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>A bare REP socket playing the client on <paramref name="port"/>; the test decides what it answers.</summary>
    private static ResponseSocket BoundClient(int port)
    {
        var client = new ResponseSocket();
        client.Options.Linger = TimeSpan.Zero;
        client.Bind($"tcp://127.0.0.1:{port}");
        return client;
    }

    private static NetGearServer Server(int port, TransportKind transport) => new(ServerFleet.Options(port, NetGearPattern.ReqRep, transport) with
    {
        // No client answers: a send waits for ever for the first one (the default), or 3 x 20 s for a reply.
        RequestTimeout = TimeSpan.FromSeconds(20),
    });

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task Closing_a_server_no_client_ever_answered_does_not_wait_a_fifth_of_a_long_request_timeout(TransportKind transport)
    {
        // A fifth of 60 s is 12 s: the goodbye waited that long for a client that never came (an application's shutdown,
        // a UI thread). No client has answered, so it waits only a moment for one.
        var server = new NetGearServer(ServerFleet.Options(FreePorts.One(), NetGearPattern.ReqRep, transport) with { RequestTimeout = TimeSpan.FromSeconds(60) });
        Assert.False(await Task.Run(server.Close).WaitAsync(TimeSpan.FromSeconds(4)), "no client acknowledged the goodbye");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_goodbye_waits_at_most_2_s_for_its_answer_whatever_the_request_timeout(TransportKind transport)
    {
        var port = FreePorts.One();
        // A client socket that answers the frame, then reads the goodbye and never answers it.
        using var client = BoundClient(port);
        var server = new NetGearServer(ServerFleet.Options(port, NetGearPattern.ReqRep, transport) with { RequestTimeout = TimeSpan.FromSeconds(60) });
        using var frame = TestFrames.Numbered(0, 0);
        var sending = server.SendAsync(frame).AsTask();
        var parts = new List<byte[]>();
        Assert.True(client.TryReceiveMultipartBytes(Bound, ref parts!), "the frame did not arrive");
        client.SendFrame("Data received on device: ABCD1234 !");
        await sending.WaitAsync(Bound);

        var closing = Task.Run(server.Close);
        Assert.True(client.TryReceiveMultipartBytes(Bound, ref parts!), "the goodbye did not arrive");
        // A fifth of 60 s is 12 s; the wait for the answer is at most 2 s.
        Assert.False(await closing.WaitAsync(TimeSpan.FromSeconds(6)), "the goodbye was not answered");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task Dispose_from_another_thread_ends_a_send_that_waits_for_a_client(TransportKind transport)
    {
        var server = Server(FreePorts.One(), transport);
        using var frame = TestFrames.Numbered(0, 0);
        var sending = Task.Factory.StartNew(() => server.Send(frame), TaskCreationOptions.LongRunning);
        await Task.Delay(300);
        Assert.False(sending.IsCompleted, "the send did not wait for a client");

        await Task.Run(server.Dispose).WaitAsync(Bound);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sending.WaitAsync(Bound));
        Assert.Equal(0, server.FramesSent);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task Dispose_ends_an_asynchronous_send_that_waits_for_a_reply_that_never_comes(TransportKind transport)
    {
        var port = FreePorts.One();
        // A client socket that takes the frame and never answers.
        using var silent = BoundClient(port);
        var server = Server(port, transport);
        using var frame = TestFrames.Numbered(0, 0);
        var sending = server.SendAsync(frame).AsTask();
        var parts = new List<byte[]>();
        Assert.True(silent.TryReceiveMultipartBytes(Bound, ref parts!), "the frame did not arrive");
        Assert.False(sending.IsCompleted, "the send did not wait for the reply");

        await Task.Run(server.Dispose).WaitAsync(Bound);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sending.WaitAsync(Bound));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await server.SendAsync(frame)); // closed: at once
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task CloseAsync_cancelled_ends_the_sends_queued_before_it(TransportKind transport)
    {
        var server = Server(FreePorts.One(), transport);
        using var frame = TestFrames.Numbered(0, 0);
        var first = server.SendAsync(frame).AsTask();
        var second = server.SendAsync(frame).AsTask();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.False(await server.CloseAsync(stop.Token).AsTask().WaitAsync(Bound)); // no client acknowledged the goodbye
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.WaitAsync(Bound));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => second.WaitAsync(Bound));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_send_made_while_another_waits_fails_at_once_after_the_close(TransportKind transport)
    {
        var server = Server(FreePorts.One(), transport);
        using var frame = TestFrames.Numbered(0, 0);
        var waiting = server.SendAsync(frame).AsTask();
        await Task.Delay(200);
        // SendAsync's own check does not wait for the lock the waiting send holds: it queues, and the close ends both.
        var queued = server.SendAsync(frame).AsTask();
        Assert.False(queued.IsCompleted);
        await Task.Run(server.Abort).WaitAsync(Bound);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Bound));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued.WaitAsync(Bound));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task DisposeAsync_ends_an_asynchronous_send_that_waits_for_a_client(TransportKind transport)
    {
        // `await using` around a SendAsync that no client answers: leaving the scope must not wait for a client.
        var server = Server(FreePorts.One(), transport);
        using var frame = TestFrames.Numbered(0, 0);
        var sending = server.SendAsync(frame).AsTask();
        await Task.Delay(300);
        Assert.False(sending.IsCompleted, "the send did not wait for a client");

        await server.DisposeAsync().AsTask().WaitAsync(Bound);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sending.WaitAsync(Bound));
        Assert.Equal(0, server.FramesSent);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task Calls_made_after_CloseAsync_was_asked_return_at_once_without_blocking_the_caller(TransportKind transport)
    {
        var server = Server(FreePorts.One(), transport);
        using var frame = TestFrames.Numbered(0, 0);
        var waiting = server.SendAsync(frame).AsTask();
        await Task.Delay(200);
        var closing = server.CloseAsync().AsTask(); // queued behind the send that waits for a client

        // Neither call runs on this thread behind the waiting send (which would hold it until the dispose below, so
        // the test would never get there): both return a task at once.
        var late = server.SendAsync(frame);
        var secondClose = server.CloseAsync().AsTask();
        Assert.True(late.IsCompleted, "a send after the close was asked was queued or run");
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await late);
        Assert.False(secondClose.IsCompleted);

        await server.DisposeAsync().AsTask().WaitAsync(Bound); // ends the waiting send, and with it both closes
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Bound));
        Assert.False(await closing.WaitAsync(Bound)); // no client acknowledged the goodbye
        Assert.False(await secondClose.WaitAsync(Bound));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task Every_close_returns_the_first_ones_outcome_a_goodbye_nobody_acknowledged(TransportKind transport)
    {
        // No client: the goodbye waits a fifth of the request timeout for its answer, and none comes.
        var server = new NetGearServer(ServerFleet.Options(FreePorts.One(), NetGearPattern.ReqRep, transport) with { RequestTimeout = TimeSpan.FromSeconds(2) });
        var first = server.CloseAsync().AsTask();
        var during = server.CloseAsync().AsTask(); // while the first waits for the answer
        var duringSync = Task.Run(server.Close);

        Assert.False(await first.WaitAsync(Bound));
        Assert.False(await during.WaitAsync(Bound), "a CloseAsync made while the first waited said the goodbye was acknowledged");
        Assert.False(await duringSync.WaitAsync(Bound), "a Close made while the first waited said the goodbye was acknowledged");
        Assert.False(server.Close(), "a Close after the close said the goodbye was acknowledged");
        Assert.False(await server.CloseAsync(), "a CloseAsync after the close said the goodbye was acknowledged");
        server.Dispose();
        Assert.False(server.Close());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_close_after_an_abort_says_no_goodbye_was_acknowledged(TransportKind transport)
    {
        var server = Server(FreePorts.One(), transport);
        server.Abort();
        Assert.False(server.Close());
        Assert.False(await server.CloseAsync().AsTask().WaitAsync(Bound));
    }
}
