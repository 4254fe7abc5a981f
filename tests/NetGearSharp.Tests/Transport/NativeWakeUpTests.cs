using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>Another thread ends the native socket's receive wait (what the JPEG decode workers do when a frame is ready).</summary>
public class NativeWakeUpTests
{
    [Fact(Timeout = 30_000)]
    public async Task WakeUpEndsAWaitingReceiveAndCoalesces()
    {
        using var socket = NetGearSharp.Transport.Native.NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Router));
        socket.Bind("tcp://127.0.0.1:*");
        Assert.True(socket.EnableWakeUp());

        var waiting = Task.Factory.StartNew(() => socket.TryReceive(TimeSpan.FromMinutes(5), out _, out _),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.Delay(100);
        for (var i = 0; i < 3; i++) socket.WakeUp(); // several wake-ups before the waiter runs: one is enough
        var finished = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.Same(waiting, finished); // not the five minutes
        Assert.False(await waiting); // "nothing arrived"

        // Drained: the next wait waits again (here for its short timeout), and a new wake-up still works.
        Assert.False(socket.TryReceive(TimeSpan.FromMilliseconds(50), out _, out _));
        socket.WakeUp();
        Assert.False(socket.TryReceive(TimeSpan.FromMinutes(5), out _, out _));
    }

    [Fact]
    public void NetMqCannotBeWoken()
    {
        using var socket = NetGearSharp.Transport.NetMq.NetMqTransport.Instance.CreateSocket(new SocketSpec(SocketKind.Router));
        Assert.False(socket.EnableWakeUp());
        socket.WakeUp(); // harmless
    }
}
