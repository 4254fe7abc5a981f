using NetGearSharp.Nats.Forwarding;

namespace NetGearSharp.Nats.Tests;

/// <summary>The forwarder's bounded buffer: newest first, states never dropped, order kept.</summary>
public sealed class ForwardQueueTests
{
    private static ForwardItem Frame(int port, long n) => new() { Port = port, Sequence = n };

    private static ForwardItem State(int port, ServerState state) => new() { Port = port, IsState = true, State = state };

    [Fact]
    public async Task FullBufferDropsTheOldestFrameAndKeepsStatesInOrder()
    {
        var queue = new ForwardQueue(capacity: 2);
        Assert.Null(queue.AddFrame(Frame(1, 1)));
        queue.AddState(State(1, ServerState.Streaming));
        Assert.Null(queue.AddFrame(Frame(1, 2)));
        var dropped = queue.AddFrame(Frame(1, 3));
        Assert.Equal(1, dropped!.Sequence);
        queue.AddState(State(1, ServerState.Terminated));
        queue.Complete();

        var taken = new List<string>();
        while (await queue.TakeAsync(CancellationToken.None) is { } item) taken.Add(item.IsState ? item.State.ToString() : item.Sequence.ToString());
        Assert.Equal(["Streaming", "2", "3", "Terminated"], taken);
    }
}
