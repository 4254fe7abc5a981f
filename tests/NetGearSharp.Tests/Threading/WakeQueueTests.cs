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

    [Fact(Timeout = 60_000)]
    public async Task Completion_with_the_last_item_ends_the_other_blocked_takers_while_one_is_busy_with_it()
    {
        // One wake-up stands for the item and the completion. The taker that takes the item passes it on, so the
        // others end at once: they no longer wait until that taker is done with the item (a decode worker decoding
        // it) and comes back to the queue. Here it never comes back, so they wait for ever if it does not.
        var queue = new WakeQueue<int>();
        var took = new bool[3];
        var takers = Enumerable.Range(0, 3).Select(i => new Thread(() => took[i] = queue.Take(out _)) { IsBackground = true }).ToArray();
        foreach (var taker in takers) taker.Start();
        var until = DateTime.UtcNow + Long;
        while (takers.Any(t => (t.ThreadState & ThreadState.WaitSleepJoin) == 0) && DateTime.UtcNow < until) await Task.Delay(10);
        Assert.True(queue.TryAdd(1, completeAfter: true));
        foreach (var taker in takers) Assert.True(taker.Join(Long), "a blocked taker did not learn of the completion");
        Assert.Equal(1, took.Count(t => t));
    }
}
