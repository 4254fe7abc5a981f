using NetGearSharp.Threading;

namespace NetGearSharp.Tests.Threading;

/// <summary>The no-spin signal behind the client's queue, the decode workers and the server's send thread.</summary>
public class WakeSignalTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_pending_wake_up_is_taken_once()
    {
        var signal = new WakeSignal();
        signal.Set();
        signal.Set(); // a second one before it is taken changes nothing
        Assert.True(signal.IsSet);
        Assert.True(signal.Wait(TimeSpan.Zero));
        Assert.False(signal.IsSet);
        Assert.False(signal.Wait(TimeSpan.FromMilliseconds(50)));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_blocked_waiter_wakes_on_set_from_another_thread()
    {
        var signal = new WakeSignal();
        var waiter = Task.Factory.StartNew(() => signal.Wait(Long), TaskCreationOptions.LongRunning);
        await Task.Delay(100);
        Assert.False(waiter.IsCompleted);
        signal.Set();
        Assert.True(await waiter.WaitAsync(Long));
        Assert.False(signal.IsSet);
    }

    [Fact(Timeout = 30_000)]
    public async Task One_set_wakes_one_of_two_blocked_waiters_and_a_second_set_the_other()
    {
        var signal = new WakeSignal();
        var woken = 0;
        var waiters = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            if (signal.Wait(Long)) Interlocked.Increment(ref woken);
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.Delay(100);
        signal.Set();
        await Task.WhenAny(waiters).WaitAsync(Long);
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref woken));
        signal.Set();
        await Task.WhenAll(waiters).WaitAsync(Long);
        Assert.Equal(2, woken);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cancelling_ends_a_blocked_wait()
    {
        var signal = new WakeSignal();
        using var cancel = new CancellationTokenSource();
        var waiter = Task.Factory.StartNew(() => signal.Wait(Timeout.InfiniteTimeSpan, cancel.Token), TaskCreationOptions.LongRunning);
        await Task.Delay(100);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(Long));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_async_waiter_wakes_on_set_times_out_and_is_cancelled()
    {
        var signal = new WakeSignal();
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(50)));

        var waiting = signal.WaitAsync(Long).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        signal.Set();
        Assert.True(await waiting.WaitAsync(Long));
        Assert.False(signal.IsSet);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await signal.WaitAsync(Timeout.InfiniteTimeSpan, cancel.Token));
    }

    [Fact(Timeout = 30_000)]
    public async Task Sync_and_async_waiters_share_the_wake_ups()
    {
        var signal = new WakeSignal();
        var blocked = Task.Factory.StartNew(() => signal.Wait(Long), TaskCreationOptions.LongRunning);
        var awaiting = signal.WaitAsync(Long).AsTask();
        await Task.Delay(100);
        signal.Set();
        var first = await Task.WhenAny(blocked, awaiting).WaitAsync(Long);
        Assert.True(await first);
        signal.Set();
        Assert.True(await blocked.WaitAsync(Long));
        Assert.True(await awaiting.WaitAsync(Long));
    }

    [Fact]
    public void A_negative_timeout_other_than_infinite_is_refused()
    {
        var signal = new WakeSignal();
        Assert.Throws<ArgumentOutOfRangeException>(() => signal.Wait(TimeSpan.FromMilliseconds(-2)));
    }
}
