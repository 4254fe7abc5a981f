using NetGearSharp.Threading;

namespace NetGearSharp.Tests.Threading;

/// <summary>The no-spin work queue behind the JPEG decode workers and the server's send thread.</summary>
public class WakeQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public void Items_come_out_in_order_and_takers_drain_what_is_left_after_completion()
    {
        var queue = new WakeQueue<int>();
        Assert.True(queue.TryAdd(1));
        Assert.True(queue.TryAdd(2, completeAfter: true));
        Assert.False(queue.TryAdd(3)); // completed with the item before
        Assert.True(queue.Take(out var first));
        Assert.True(queue.Take(out var second));
        Assert.Equal((1, 2), (first, second));
        Assert.False(queue.Take(out _));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_blocked_taker_gets_an_item_added_from_another_thread()
    {
        var queue = new WakeQueue<string>();
        var taker = Task.Factory.StartNew(() => queue.Take(out var item) ? item : null, TaskCreationOptions.LongRunning);
        await Task.Delay(100);
        Assert.False(taker.IsCompleted);
        queue.TryAdd("frame");
        Assert.Equal("frame", await taker.WaitAsync(Long));
    }

    [Fact(Timeout = 30_000)]
    public async Task Every_item_is_taken_once_by_several_takers_and_completion_ends_them_all()
    {
        var queue = new WakeQueue<int>();
        var taken = new System.Collections.Concurrent.ConcurrentBag<int>();
        var takers = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(() =>
        {
            while (queue.Take(out var item)) taken.Add(item);
        }, TaskCreationOptions.LongRunning)).ToArray();
        for (var i = 0; i < 200; i++) Assert.True(queue.TryAdd(i));
        queue.CompleteAdding();
        await Task.WhenAll(takers).WaitAsync(Long);
        Assert.Equal(Enumerable.Range(0, 200), taken.Order());
    }
}
