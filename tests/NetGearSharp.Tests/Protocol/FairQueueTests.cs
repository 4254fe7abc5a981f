using NetGearSharp.Client;

namespace NetGearSharp.Tests.Protocol;

/// <summary>Round-robin across servers, bounded per server, newest-wins when full, and what it holds.</summary>
public class FairQueueTests
{
    [Fact]
    public void ReadsInRoundRobinOrderAcrossKeys()
    {
        var queue = new FairQueue<string>(100, dropOldest: false);
        for (var i = 0; i < 5; i++) queue.TryEnqueue(1, $"f{i}", out _);
        queue.TryEnqueue(2, "s0", out _);
        var order = new List<string>();
        while (queue.TryDequeue(out var item)) order.Add(item!);
        Assert.Equal(["f0", "s0", "f1", "f2", "f3", "f4"], order);
    }

    [Fact]
    public void DropOldestKeepsTheNewest()
    {
        var queue = new FairQueue<string>(2, dropOldest: true);
        queue.TryEnqueue(1, "1", out var d1);
        queue.TryEnqueue(1, "2", out var d2);
        queue.TryEnqueue(1, "3", out var d3);
        Assert.Null(d1);
        Assert.Null(d2);
        Assert.Equal("1", d3);
        Assert.Equal(2, queue.RoomView(1).Count); // at capacity: the oldest made room
        queue.TryDequeue(out var first);
        Assert.Equal("2", first);
    }

    [Fact]
    public void KeepsTheCountAndBytesOfWhatItHolds()
    {
        var queue = new FairQueue<string>(2, dropOldest: true, sizeOf: s => s.Length);
        queue.TryEnqueue(1, "12345", out _);
        queue.TryEnqueue(1, "123", out _);
        queue.TryEnqueue(2, "1", out _);
        Assert.Equal((3, 9L), (queue.UndeliveredCount, queue.UndeliveredBytes));
        queue.TryEnqueue(1, "12", out var dropped); // "12345" makes room
        Assert.Equal("12345", dropped);
        Assert.Equal((3, 6L), (queue.UndeliveredCount, queue.UndeliveredBytes));
        while (queue.TryDequeue(out _)) { }
        Assert.Equal((0, 0L), (queue.UndeliveredCount, queue.UndeliveredBytes));
    }

    [Fact]
    public async Task CompletedQueueDrainsThenEnds()
    {
        var queue = new FairQueue<string>(4, dropOldest: false);
        queue.TryEnqueue(1, "x", out _);
        queue.Complete();
        Assert.False(queue.TryEnqueue(1, "y", out _));
        var (ok, item) = await queue.DequeueAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.True(ok);
        Assert.Equal("x", item);
        (ok, _) = await queue.DequeueAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);
        Assert.False(ok);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_item_added_without_a_wake_up_waits_for_Wake_before_a_waiting_reader_gets_it()
    {
        var queue = new FairQueue<string>(4, dropOldest: false);
        var reader = queue.DequeueAsync(TimeSpan.FromSeconds(10), CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.True(queue.TryEnqueue(1, "x", out _, wake: false));
        await Task.Delay(300);
        Assert.False(reader.IsCompleted, "the waiting reader was woken before Wake");
        Assert.Equal(0, queue.ReaderWakes);
        Assert.True(queue.Wake(), "Wake said no item was left for a reader");
        var (ok, item) = await reader.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((true, "x"), (ok, item));
        Assert.Equal(1, queue.ReaderWakes);
        Assert.False(queue.Wake(), "Wake said an item was left"); // nothing left: no wake-up
        Assert.True(queue.TryEnqueue(1, "y", out _));
        Assert.Equal(2, queue.ReaderWakes);
    }

    [Fact(Timeout = 90_000)]
    public async Task WaitingReadersWakeOnEnqueueAndOnCompletion()
    {
        // A reader whose wake-up were lost would return only at its own timeout (60 s), after the 20 s allowed here.
        // Under load this test lost one (CI4 of the forty-first session): the item's and the completion's wake-ups came
        // before any reader ran, and the reader that took the item kept the only one (the two tests below pin that down).
        var queue = new FairQueue<string>(4, dropOldest: false);
        var readers = Enumerable.Range(0, 3).Select(_ => queue.DequeueAsync(TimeSpan.FromSeconds(60), CancellationToken.None).AsTask()).ToArray();
        queue.TryEnqueue(1, "x", out _);
        await Task.Delay(50);
        queue.Complete();
        var results = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, results.Count(r => r.Ok));
    }

    [Fact(Timeout = 90_000)]
    public async Task Completion_reaches_every_waiting_async_reader_when_one_of_them_takes_the_last_item()
    {
        // The item's wake-up and the completion's come before any reader runs: one pending wake-up holds both. The
        // reader that takes it takes the item; the others must still learn of the completion (they waited 60 s, until
        // their timeout, when the reader that took the last item kept the wake-up to itself).
        var queue = new FairQueue<string>(4, dropOldest: false);
        var readers = Enumerable.Range(0, 3).Select(_ => queue.DequeueAsync(TimeSpan.FromSeconds(60), CancellationToken.None).AsTask()).ToArray();
        Assert.True(queue.TryEnqueue(1, "x", out _, wake: false));
        queue.Complete();
        var results = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(1, results.Count(r => r.Ok));
    }

    [Fact(Timeout = 90_000)]
    public async Task Completion_reaches_every_blocked_reader_when_one_of_them_takes_the_last_item()
    {
        var queue = new FairQueue<string>(4, dropOldest: false);
        var results = new bool[3];
        var threads = Enumerable.Range(0, 3).Select(i => new Thread(() => results[i] = queue.Dequeue(TimeSpan.FromSeconds(60), CancellationToken.None, out _))
        { IsBackground = true }).ToArray();
        foreach (var thread in threads) thread.Start();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (threads.Any(t => (t.ThreadState & ThreadState.WaitSleepJoin) == 0) && DateTime.UtcNow < until) await Task.Delay(10);
        Assert.True(queue.TryEnqueue(1, "x", out _, wake: false));
        queue.Complete();
        foreach (var thread in threads) Assert.True(thread.Join(TimeSpan.FromSeconds(20)), "a blocked reader did not learn of the completion");
        Assert.Equal(1, results.Count(ok => ok));
    }

    [Fact]
    public void RoomViewReadsAKeysCountTheBusyKeysAndCompletionTogether()
    {
        var queue = new FairQueue<string>(100, dropOldest: false);
        Assert.Equal((0, 0, false), queue.RoomView(1));
        queue.TryEnqueue(1, "a", out _);
        queue.TryEnqueue(1, "b", out _);
        queue.TryEnqueue(2, "c", out _);
        Assert.Equal((2, 2, false), queue.RoomView(1));
        Assert.Equal((0, 2, false), queue.RoomView(3));
        queue.TryDequeue(out _); // 1's first
        queue.TryDequeue(out _); // 2's only: key 2 is no longer busy
        Assert.Equal((1, 1, false), queue.RoomView(1));
        queue.Complete();
        Assert.Equal((1, 1, true), queue.RoomView(1));
    }
}
