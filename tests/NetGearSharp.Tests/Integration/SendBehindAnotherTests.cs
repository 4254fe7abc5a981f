using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// Sends of one server go out one at a time. A send waiting for another to finish (which may wait for a client for a
/// long time) still ends on its own token, within about 100 ms, and a queued asynchronous send ends at once without
/// reading its frame: a caller's timeout never turns into a hang behind someone else's send.
/// </summary>
public class SendBehindAnotherTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_send_waiting_behind_another_ends_on_its_own_token(TransportKind transport)
    {
        using var server = new NetGearServer(ServerFleet.Options(FreePorts.One(), NetGearPattern.ReqRep, transport));
        using var frame = TestFrames.Numbered(0, 0);
        using var stopFirst = new CancellationTokenSource();
        // The first send waits for a client that never comes (the default connect timeout: for ever).
        var first = Task.Factory.StartNew(() => server.Send(frame, null, stopFirst.Token), TaskCreationOptions.LongRunning);
        await Task.Delay(300);
        Assert.False(first.IsCompleted);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var second = Task.Factory.StartNew(() => server.Send(frame, null, timeout.Token), TaskCreationOptions.LongRunning);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(Bound));
        Assert.False(first.IsCompleted, "the first send was not concerned");

        using var asyncTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.SendAsync(frame, null, asyncTimeout.Token).AsTask().WaitAsync(Bound));

        await stopFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Bound));
        Assert.Equal(0, server.FramesSent);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_asynchronous_send_cancelled_while_queued_ends_at_once_and_never_reads_its_frame()
    {
        using var server = new NetGearServer(ServerFleet.Options(FreePorts.One(), NetGearPattern.ReqRep, TransportKind.Native));
        using var frame = TestFrames.Numbered(0, 0);
        using var stopFirst = new CancellationTokenSource();
        var first = server.SendAsync(frame, null, stopFirst.Token).AsTask(); // on the send thread, waiting for a client
        await Task.Delay(300);

        var queuedFrame = TestFrames.Numbered(1, 1);
        using var cancel = new CancellationTokenSource();
        var queued = server.SendAsync(queuedFrame, null, cancel.Token).AsTask();
        await Task.Delay(200);
        Assert.False(queued.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(TimeSpan.FromSeconds(1)));
        queuedFrame.Dispose(); // the caller may dispose it now: the send will never read it

        await stopFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Bound));
        // The send thread goes on with the next send as usual.
        using var after = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.SendAsync(frame, null, after.Token).AsTask().WaitAsync(Bound));
        Assert.Equal(0, server.FramesSent);
    }
}
