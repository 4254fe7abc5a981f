using NetGearSharp.Nats.Forwarding;

namespace NetGearSharp.Nats.Tests;

/// <summary>The forwarder's bounded buffer: newest first, states not dropped (merged per server past a bound), order kept.</summary>
public sealed class ForwardQueueTests
{
    private static ForwardItem Frame(int port, long n) => new() { Port = port, Sequence = n };

    private static ForwardItem State(int port, ServerState state) => new() { Port = port, IsState = true, State = state };

    private static ForwardItem Change(int port, ServerState previous, ServerState state) => new() { Port = port, IsState = true, Previous = previous, State = state };

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

    [Fact]
    public async Task PastTheBoundAServersNewStateMergesWithItsLastWaitingOneAndTheWaitingStatesStayBounded()
    {
        var queue = new ForwardQueue(capacity: 2, maxWaitingStates: 3);
        queue.AddState(Change(1, ServerState.Waiting, ServerState.Streaming));
        queue.AddState(Change(2, ServerState.Waiting, ServerState.Streaming));
        queue.AddState(Change(1, ServerState.Streaming, ServerState.Lost));
        Assert.Equal(0, queue.StatesMerged);
        // Three wait: server 1's next change merges with its last one (Streaming to Lost, then Lost to Streaming: nothing).
        queue.AddState(Change(1, ServerState.Lost, ServerState.Streaming));
        Assert.Equal(1, queue.StatesMerged);
        // Server 1's last waiting change is its first again: Waiting to Streaming, then Streaming to Terminated.
        queue.AddState(Change(2, ServerState.Streaming, ServerState.Lost));
        queue.AddState(Change(1, ServerState.Streaming, ServerState.Terminated));
        Assert.Equal(2, queue.StatesMerged);
        // Server 2 flapping at the bound: each return to Streaming cancels the change before it; never more than three wait.
        for (var i = 0; i < 1000; i++)
        {
            queue.AddState(Change(2, ServerState.Lost, ServerState.Streaming));
            queue.AddState(Change(2, ServerState.Streaming, ServerState.Lost));
        }
        queue.Complete();

        var taken = new List<string>();
        while (await queue.TakeAsync(CancellationToken.None) is { } item) taken.Add($"{item.Port}:{item.Previous}>{item.State}");
        Assert.Equal(["2:Waiting>Streaming", "1:Waiting>Terminated", "2:Streaming>Lost"], taken);
        Assert.Equal(1002, queue.StatesMerged); // each round trip of server 2 went out as nothing
    }
}
