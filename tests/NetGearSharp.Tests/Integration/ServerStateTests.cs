using System.Collections.Concurrent;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Each server's state is tracked for real; the client ends by itself when every server is gone.</summary>
public class ServerStateTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task StatesGoWaitingConnectedStreamingStaleStreamingTerminated(TransportKind transport)
    {
        var port = FreePorts.One();
        var options = ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport) with { StaleAfter = TimeSpan.FromMilliseconds(300) };
        await using var client = new NetGearClient(options);
        var changes = new ConcurrentQueue<(ServerState From, ServerState To)>();
        var joined = 0;
        var left = 0;
        client.ServerStateChanged += (_, e) => changes.Enqueue((e.Previous, e.Current));
        client.ServerJoined += (_, _) => Interlocked.Increment(ref joined);
        client.ServerLeft += (_, _) => Interlocked.Increment(ref left);
        Assert.Equal(ServerState.Waiting, client.Servers.Single().State);

        await ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, transport), (_, server) =>
        {
            Thread.Sleep(300); // connected, no frame yet
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame, "first");
            Thread.Sleep(900); // longer than StaleAfter
            server.Send(frame, "second");
        }).WaitAsync(TimeSpan.FromSeconds(30));

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(30));
        Assert.Equal(2, got.Count);
        // Connected means a completed ZeroMQ handshake: libzmq reports it, NetMQ does not (its server comes with
        // its first valid frame).
        (ServerState, ServerState)[] start = transport == TransportKind.Native
            ? [(ServerState.Waiting, ServerState.Connected), (ServerState.Connected, ServerState.Streaming)]
            : [(ServerState.Waiting, ServerState.Streaming)];
        Assert.Equal(
            [
                .. start,
                (ServerState.Streaming, ServerState.Stale),
                (ServerState.Stale, ServerState.Streaming),
                (ServerState.Streaming, ServerState.Terminated),
            ],
            changes.ToArray());
        Assert.Equal(1, joined);
        Assert.Equal(1, left);
        var info = client.Servers.Single();
        Assert.Equal(2, info.Frames);
        Assert.Equal("\"second\"", info.LastMessage!.Value.GetRawText());
        Assert.NotNull(info.FirstSeen);
        Assert.True(info.LastSeen >= info.FirstSeen);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_handler_that_throws_does_not_keep_the_other_handlers_nor_the_joined_and_left_events_from_running()
    {
        var port = FreePorts.One();
        var log = new CollectingLoggerFactory();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, TransportKind.Native) with { LoggerFactory = log });
        var changes = 0;
        var joined = 0;
        var left = 0;
        client.ServerStateChanged += (_, _) => throw new InvalidOperationException("the application's handler failed");
        client.ServerStateChanged += (_, _) => Interlocked.Increment(ref changes);
        client.ServerJoined += (_, _) => throw new InvalidOperationException("so did this one");
        client.ServerJoined += (_, _) => Interlocked.Increment(ref joined);
        client.ServerLeft += (_, _) => Interlocked.Increment(ref left);

        await ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, TransportKind.Native), (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame, "only");
        }).WaitAsync(TimeSpan.FromSeconds(30));
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(30));

        Assert.Single(got);
        Assert.Equal(3, changes); // waiting -> connected -> streaming -> terminated
        Assert.Equal(1, joined);
        Assert.Equal(1, left);
        string[] errors;
        lock (log.Lines) errors = log.Lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, errors.Length); // the throwing state handler three times, the throwing joined handler once
        Assert.Contains(errors, l => l.Contains("A ServerJoined handler threw for server", StringComparison.Ordinal) && l.Contains("so did this one", StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_handler_that_disposes_the_client_does_not_wait_for_itself(TransportKind transport)
    {
        // "Stop when a server leaves": the handler runs on the client's event pump, which Dispose waits for, up to 2 s
        // (it always waited that long from the pump's own handler). From there it does not wait.
        var ports = FreePorts.Take(2);
        var client = new NetGearClient(ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport));
        var disposeTook = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ServerLeft += (_, _) =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            client.Dispose();
            disposeTook.TrySetResult(watch.Elapsed);
        };
        using (var server = new NetGearServer(ServerFleet.Options(ports[0], NetGearPattern.ReqRep, transport)))
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame);
        } // its goodbye: the server leaves; the other one never came, so the client would not end by itself

        var took = await disposeTook.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(took < TimeSpan.FromSeconds(1.9), $"Dispose from the handler took {took.TotalSeconds:0.00} s: it waited for the handler that called it");
        Assert.Equal(ClientEndReason.Disposed, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(client.IsCompleted);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task ClientEndsWhenEveryServerIsLostWithoutGoodbye(TransportKind transport)
    {
        var ports = FreePorts.Take(3);
        await using var client = new NetGearClient(ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport));
        var servers = ports.Select(p => new NetGearServer(ServerFleet.Options(p, NetGearPattern.ReqRep, transport))).ToList();
        try
        {
            await Task.Factory.StartNew(() =>
            {
                foreach (var server in servers)
                {
                    using var frame = TestFrames.Numbered(0, 0);
                    server.Send(frame);
                }
                foreach (var server in servers) server.Abort(); // like a crash: no goodbye
            }, TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(30));

            var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(20));
            Assert.Equal(3, got.Count);
            Assert.Equal(ClientEndReason.AllServersGone, await client.Completion);
            Assert.All(client.Servers, s => Assert.Equal(ServerState.Lost, s.State));
        }
        finally
        {
            foreach (var server in servers) server.Abort();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task AutoExitOffKeepsWaitingAfterAllServersLeave()
    {
        var port = FreePorts.One();
        var options = ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, TransportKind.NetMq) with { AutoExit = false };
        await using var client = new NetGearClient(options);
        await ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, TransportKind.NetMq), (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame);
        }).WaitAsync(TimeSpan.FromSeconds(30));
        using (var first = await client.ReceiveAsync(TimeSpan.FromSeconds(10))) Assert.NotNull(first);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromSeconds(1)));
        Assert.False(client.Completion.IsCompleted);
        Assert.Equal(ServerState.Terminated, client.Servers.Single().State);

        // A server that comes back is received again.
        await ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, TransportKind.NetMq), (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 1);
            server.Send(frame, "again");
        }).WaitAsync(TimeSpan.FromSeconds(30));
        using var second = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("\"again\"", second!.MessageJson);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AServerThatFinishesBeforeAnotherConnectsEndsTheClientOnlyWithoutWaitForAllServers(bool waitForAll)
    {
        var ports = FreePorts.Take(2);
        var options = ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, TransportKind.NetMq) with { WaitForAllServers = waitForAll };
        await using var client = new NetGearClient(options);
        await ServerFleet.Run([ports[0]], _ => ServerFleet.Options(ports[0], NetGearPattern.ReqRep, TransportKind.NetMq), (_, server) =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame, "early");
        }).WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(500); // the early server has come and gone; the late one has not connected yet
        Assert.Equal(!waitForAll, client.Completion.IsCompleted); // VidGear's rule ends the client here

        if (!waitForAll) return;
        await ServerFleet.Run([ports[1]], _ => ServerFleet.Options(ports[1], NetGearPattern.ReqRep, TransportKind.NetMq), (_, server) =>
        {
            using var frame = TestFrames.Numbered(1, 0);
            server.Send(frame, "late");
        }).WaitAsync(TimeSpan.FromSeconds(20));
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(20));
        Assert.Equal(["\"early\"", "\"late\""], got.Select(g => g.Message));
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion);
    }

    [Fact(Timeout = 30_000)]
    public async Task WaitForFirstServerEndsTheClientWhenNobodyComes()
    {
        var options = ServerFleet.ClientOptions(FreePorts.Take(2), NetGearPattern.ReqRep, TransportKind.NetMq) with
        {
            WaitForFirstServer = TimeSpan.FromMilliseconds(500),
        };
        await using var client = new NetGearClient(options);
        Assert.Equal(ClientEndReason.NoServerInTime, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(client.Receive(TimeSpan.FromSeconds(1)));
        Assert.True(client.IsCompleted);
    }

    [Fact(Timeout = 60_000)]
    public async Task ClientStartedFifteenSecondsBeforeItsServersStillWorks()
    {
        var ports = FreePorts.Take(2);
        await using var client = new NetGearClient(ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, TransportKind.NetMq));
        await Task.Delay(TimeSpan.FromSeconds(15));
        Assert.False(client.Completion.IsCompleted);
        var sending = ServerFleet.Run(ports, i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, TransportKind.NetMq), (i, server) =>
        {
            for (var n = 0; n < 5; n++)
            {
                using var frame = TestFrames.Numbered(i, n);
                server.Send(frame, n);
            }
        });
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(30));
        await sending;
        Assert.Equal(10, got.Count);
    }
}
