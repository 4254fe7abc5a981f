using NetGearSharp.Client;

namespace NetGearSharp.Tests.Client;

/// <summary>How many frames each Request/Reply server may have waiting in the client's queue before it is answered.</summary>
public sealed class QueueRoomTests
{
    private static FairQueue<string> Queue(params (int Key, int Items)[] keys)
    {
        var queue = new FairQueue<string>(capacity: 100, dropOldest: false);
        foreach (var (key, items) in keys)
        {
            for (var i = 0; i < items; i++) Assert.True(queue.TryEnqueue(key, $"{key}/{i}", out _));
        }
        return queue;
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 8)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 1)]
    [InlineData(8, 1)]
    [InlineData(32, 1)]
    public void BusyServersShareEightFramesAtLeastOneEach(int busy, int share)
    {
        var queue = Queue([.. Enumerable.Range(1, busy).Select(k => (k, 1))]);
        var room = new QueueRoom<string>(queue, capacity: 8, shared: true);
        Assert.Equal(share, room.Share);
    }

    [Fact]
    public void AServerHasRoomWhileItsFramesStayUnderItsShare()
    {
        var queue = Queue((1, 3), (2, 4));
        var room = new QueueRoom<string>(queue, capacity: 8, shared: true);
        Assert.True(room.For(1));  // 3 of 4
        Assert.False(room.For(2)); // 4 of 4
        Assert.True(room.For(3));  // nothing waiting
    }

    [Fact]
    public void AFrameAnsweredWhileItDecodesCountsAgainstTheShare()
    {
        var queue = Queue([.. Enumerable.Range(1, 8).Select(k => (k, 1))]);
        var room = new QueueRoom<string>(queue, capacity: 8, shared: true, ahead: port => port == 9 ? 1 : 0);
        Assert.False(room.For(9));
        Assert.True(room.For(10));
    }

    [Fact]
    public void ASetCapacityDoesNotDependOnHowManyServersAreBusy()
    {
        var queue = Queue([.. Enumerable.Range(1, 8).Select(k => (k, 2))]);
        var room = new QueueRoom<string>(queue, capacity: 3, shared: false);
        Assert.Equal(3, room.Share);
        Assert.True(room.For(1));
    }

    [Fact]
    public void EveryServerHasRoomOnceTheQueueIsCompleted()
    {
        var queue = Queue([.. Enumerable.Range(1, 8).Select(k => (k, 1))]);
        var room = new QueueRoom<string>(queue, capacity: 8, shared: true);
        Assert.False(room.For(1));
        queue.Complete();
        Assert.True(room.For(1));
    }
}
