using System.Globalization;
using System.Text;
using NetGearSharp.Protocol;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// The client's receive pipeline without sockets: an <see cref="InMemoryTransport"/> plays the servers (whole messages
/// in, answers out) and a <see cref="ManualTimeProvider"/> the clock.
/// </summary>
public sealed class ReceivePipelineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const int PortA = 5001, PortB = 5002;

    private static (NetGearClient Client, InMemorySocket Socket) Start(Func<NetGearClientOptions, NetGearClientOptions>? change = null)
    {
        var transport = new InMemoryTransport();
        var options = new NetGearClientOptions { Ports = [PortA, PortB], CustomTransport = transport, AutoExit = false };
        var client = new NetGearClient(change is null ? options : change(options));
        return (client, Assert.Single(transport.Sockets));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_receive_loop_that_fails_ends_ReadAllAsync_with_its_error_after_the_packets_before_it()
    {
        var (client, socket) = Start();
        await using var _ = client;
        socket.Deliver(Frame(PortA, 1));
        var deadline = DateTime.UtcNow + Wait;
        while (client.GetServer(PortA)!.Frames == 0) { Assert.True(DateTime.UtcNow < deadline); await Task.Delay(5); }
        socket.FailReceives(new InvalidOperationException("the transport broke"));

        var got = 0;
        var error = await Assert.ThrowsAsync<NetGearException>(async () =>
        {
            await foreach (var packet in client.ReadAllAsync())
            {
                using (packet) got++;
            }
        });
        Assert.Equal(1, got);
        Assert.Contains("the transport broke", error.Message);
        await Assert.ThrowsAsync<NetGearException>(() => client.Completion);
    }

    [Fact]
    public void A_client_whose_set_up_fails_after_binding_lets_its_socket_go()
    {
        var failure = new NetGearException("no descriptor left for the wake-up socket");
        var transport = new InMemoryTransport { WakeUps = true, WakeUpFailure = failure };
        var thrown = Assert.Throws<NetGearException>(() => new NetGearClient(new NetGearClientOptions
        {
            Ports = [PortA], CustomTransport = transport, JpegDecodeThreads = 2,
        }));
        Assert.Same(failure, thrown);
        var socket = Assert.Single(transport.Sockets);
        Assert.Single(socket.Bound);
        Assert.True(socket.IsDisposed, "the bound socket was left open: the port stays taken until a finalizer runs");
    }

    /// <summary>A REQ server's frame as a ROUTER receives it: routing id, empty delimiter, header, payload (2x2 gray).</summary>
    private static byte[][] Frame(int port, byte value, object? message = null)
    {
        var header = new HeaderWriter(port.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default).WriteFrame(message, ElementType.UInt8, [2, 2], null).ToArray();
        return [Identity(port), [], header, [value, value, value, value]];
    }

    private static byte[] Identity(int port) => Encoding.ASCII.GetBytes("peer-" + port);

    private static void AssertAcknowledged(InMemorySocket socket, int port)
    {
        var reply = socket.TakeSent(Wait);
        Assert.NotNull(reply);
        Assert.Equal(Identity(port), reply[0]);
        Assert.Empty(reply[1]);
        Assert.True(Replies.IsFrameAck(reply[^1]), Encoding.UTF8.GetString(reply[^1]));
    }

    [Fact(Timeout = 60_000)]
    public async Task AFrameIsDeliveredWithItsMessageAndAnswered()
    {
        var (client, socket) = Start();
        await using var _ = client;
        socket.Deliver(Frame(PortA, 7, new { n = 1 }));
        using var packet = await client.ReceiveAsync(Wait);
        Assert.NotNull(packet);
        Assert.Equal(PortA, packet.Port);
        Assert.Equal([7, 7, 7, 7], packet.Frame.Data.ToArray());
        Assert.Equal("{\"n\":1}", packet.MessageJson);
        AssertAcknowledged(socket, PortA);
        Assert.Equal(["tcp://*:5001", "tcp://*:5002"], socket.Bound);
    }

    [Fact(Timeout = 60_000)]
    public async Task AFrameFromAnUnlistedPortIsCountedMalformedAndStillAnswered()
    {
        var (client, socket) = Start();
        await using var _ = client;
        socket.Deliver(Frame(5999, 1));
        AssertAcknowledged(socket, 5999); // its sender must not hang
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, client.Statistics.MalformedByKind[MalformedKind.UnknownPort]);
    }

    [Fact(Timeout = 60_000)]
    public async Task AServerWhoseQueueIsFullIsAnsweredOnlyOnceTheApplicationTakesAFrame()
    {
        var (client, socket) = Start(o => o with { QueueCapacity = 2 });
        await using var _ = client;
        socket.Deliver(Frame(PortA, 1));
        AssertAcknowledged(socket, PortA);
        socket.Deliver(Frame(PortA, 2)); // A's queue is now full: its answer waits (its next frame would not fit)
        socket.Deliver(Frame(PortB, 3)); // another server is not held up by it
        AssertAcknowledged(socket, PortB);
        Assert.Null(socket.TakeSent(TimeSpan.FromMilliseconds(300)));
        using (var first = await client.ReceiveAsync(Wait)) Assert.Equal(PortA, first!.Port);
        using (var second = await client.ReceiveAsync(Wait)) Assert.NotNull(second);
        AssertAcknowledged(socket, PortA); // room again: the held answer goes out
    }

    [Fact(Timeout = 60_000)]
    public async Task TwoBusyServersKeepUpToFourFramesEachByDefault()
    {
        var (client, socket) = Start();
        await using var _ = client;
        socket.Deliver(Frame(PortA, 1));
        AssertAcknowledged(socket, PortA); // alone: up to 8
        socket.Deliver(Frame(PortB, 2));
        AssertAcknowledged(socket, PortB); // two busy servers: up to 4 each
        for (byte n = 3; n <= 5; n++)
        {
            socket.Deliver(Frame(PortA, n));
            if (n < 5) AssertAcknowledged(socket, PortA);
        }
        Assert.Null(socket.TakeSent(TimeSpan.FromMilliseconds(300))); // A's fourth frame waits: its next would be a fifth
        using (var first = await client.ReceiveAsync(Wait)) Assert.NotNull(first);
        AssertAcknowledged(socket, PortA);
    }

    [Fact(Timeout = 60_000)]
    public async Task EightBusyServersAreHeldAtOneFrameEachUntilTheApplicationTakes()
    {
        int[] ports = [.. Enumerable.Range(6001, 8)];
        var (client, socket) = Start(o => o with { Ports = ports });
        await using var _ = client;
        // Each arrival makes one more busy server: 8 frames shared by 1, 2, 3, 4 of them leave room; by 5, one each.
        for (var i = 0; i < ports.Length; i++)
        {
            socket.Deliver(Frame(ports[i], (byte)i));
            if (i < 4) AssertAcknowledged(socket, ports[i]);
        }
        Assert.Null(socket.TakeSent(TimeSpan.FromMilliseconds(300)));
        // The application takes four frames (one of each of four servers): four busy servers share 8, two each.
        for (var i = 0; i < 4; i++)
        {
            using var packet = await client.ReceiveAsync(Wait);
            Assert.NotNull(packet);
        }
        var answered = new HashSet<int>();
        for (var i = 0; i < 4; i++)
        {
            var reply = socket.TakeSent(Wait);
            Assert.NotNull(reply);
            answered.Add(int.Parse(Encoding.ASCII.GetString(reply[0]).AsSpan("peer-".Length), CultureInfo.InvariantCulture));
        }
        Assert.Equal(ports[4..], answered.Order());
    }

    [Fact(Timeout = 60_000)]
    public async Task ASetQueueCapacityIsEveryServersShare()
    {
        int[] ports = [.. Enumerable.Range(6101, 8)];
        var (client, socket) = Start(o => o with { Ports = ports, QueueCapacity = 8 });
        await using var _ = client;
        foreach (var port in ports)
        {
            socket.Deliver(Frame(port, 1));
            AssertAcknowledged(socket, port);
        }
        socket.Deliver(Frame(ports[0], 2));
        AssertAcknowledged(socket, ports[0]);
    }

    [Fact(Timeout = 60_000)]
    public async Task AnEventHandlerThatBlocksDoesNotDelayAnyServersFrames()
    {
        var (client, socket) = Start();
        await using var _ = client;
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        string? handlerThread = null;
        client.ServerStateChanged += (_, _) =>
        {
            handlerThread = Thread.CurrentThread.Name;
            entered.Set();
            release.Wait(Wait); // a handler that takes its time (far longer than a second, unless released)
        };
        try
        {
            // A server is Connected at its completed handshake (a bare TCP accept is no server yet).
            socket.Accept(PortA);
            socket.Handshake(PortA);
            socket.Accept(PortB);
            socket.Handshake(PortB);
            Assert.True(entered.Wait(Wait));
            for (byte n = 0; n < 4; n++)
            {
                socket.Deliver(Frame(n % 2 == 0 ? PortA : PortB, n));
                using var packet = await client.ReceiveAsync(Wait);
                Assert.NotNull(packet); // arrives while the handler is still blocked
                Assert.Equal(n, packet.Frame.Data[0]);
            }
            Assert.False(release.IsSet);
            Assert.NotEqual("NetGearClient receive", handlerThread);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task AServerTurnsStaleOnTheInjectedClock()
    {
        var time = new ManualTimeProvider();
        var (client, socket) = Start(o => o with { TimeProvider = time, StaleAfter = TimeSpan.FromSeconds(2) });
        await using var _ = client;
        var states = new System.Collections.Concurrent.BlockingCollection<ServerState>();
        client.ServerStateChanged += (_, e) => { if (e.Port == PortA) states.Add(e.Current); };
        socket.Deliver(Frame(PortA, 1));
        Assert.True(states.TryTake(out var streaming, Wait));
        Assert.Equal(ServerState.Streaming, streaming);
        Assert.False(states.TryTake(out var _1, TimeSpan.FromMilliseconds(300))); // real time passes, the client's clock does not
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(states.TryTake(out var stale, Wait));
        Assert.Equal(ServerState.Stale, stale);
        using var packet = await client.ReceiveAsync(Wait);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), packet!.ReceivedAt); // the provider's UTC time
    }

    [Fact(Timeout = 60_000)]
    public async Task WithEveryServerAwaitedTheClientGivesUpOnThoseThatNeverCameOnceWaitForFirstServerHasPassed()
    {
        var time = new ManualTimeProvider();
        var (client, socket) = Start(o => o with { TimeProvider = time, AutoExit = true, WaitForAllServers = true, WaitForFirstServer = TimeSpan.FromSeconds(5) });
        await using var _ = client;
        socket.Accept(PortA);
        socket.Deliver(Frame(PortA, 1));
        socket.Deliver([Identity(PortA), [], new HeaderWriter(PortA.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default).WriteTerminate().ToArray()]);
        Assert.NotNull(socket.TakeSent(Wait)); // the frame's answer
        Assert.NotNull(socket.TakeSent(Wait)); // the goodbye's answer: A is gone, B never came
        await Task.Delay(300);
        Assert.False(client.Completion.IsCompleted); // B is still awaited
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(Wait));
    }

    [Fact(Timeout = 60_000)]
    public async Task NoServerWithinWaitForFirstServerEndsTheClient()
    {
        var time = new ManualTimeProvider();
        var (client, _) = Start(o => o with { TimeProvider = time, WaitForFirstServer = TimeSpan.FromSeconds(5) });
        await using var __ = client;
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(ClientEndReason.NoServerInTime, await client.Completion.WaitAsync(Wait));
    }

    [Fact(Timeout = 60_000)]
    public async Task DisposingTheClientDisposesItsSocket()
    {
        var (client, socket) = Start();
        await client.DisposeAsync();
        Assert.True(socket.IsDisposed);
        Assert.Equal(ClientEndReason.Disposed, await client.Completion.WaitAsync(Wait));
    }
}
