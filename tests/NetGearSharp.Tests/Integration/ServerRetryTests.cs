using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Request/Reply servers retry (reconnect and resend) and then fail with a clear error; they can be cancelled.</summary>
public class ServerRetryTests
{
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task ServerGivesUpAfterItsRetriesWhenTheClientDisappears(TransportKind transport)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = transport });
        var serverOptions = new NetGearServerOptions
        {
            Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 2, Transport = transport,
        };
        var error = await Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(serverOptions);
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame); // acknowledged: the client is there
            client.Dispose();   // the client goes away for good (the using above disposes it again, harmlessly, or when Send failed)
            return Assert.Throws<NetGearException>(() => server.Send(frame));
        }, TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("did not reply 2 times in a row", error.Message);
        Assert.Contains("offline", error.Message);
    }

    /// <summary>
    /// While the application reads nothing, a server's answer waits (a queue of 1), and the server resends its first
    /// frame on a new connection after each request timeout (for as long as no answer ever came). The client keeps
    /// each copy, up to the 6 a server may have waiting with a queue of 1, and counts none as a peer that does not wait
    /// for its answers (AnswerNotAwaited): each came on a connection of its own. A rule per port (at most 4 unanswered
    /// frames) counted the fifth.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task AServerResendingWhileTheApplicationDoesNotReadIsNotTakenForAFlood(TransportKind transport)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = transport, QueueCapacity = 1, AutoExit = false });
        var serverOptions = new NetGearServerOptions { Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromMilliseconds(250), Transport = transport };
        // The server resends (a copy every 250 ms, each on a new connection) until the client has kept 5 copies, more
        // than the 4 a rule per port allowed; a loaded machine connects more slowly, so no fixed time is assumed.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(serverOptions);
            using var frame = TestFrames.Numbered(0, 0);
            return Assert.ThrowsAny<OperationCanceledException>(() => server.Send(frame, cancellationToken: stop.Token));
        }, TaskCreationOptions.LongRunning);
        while (client.GetServer(port)!.Frames < 5 && !stop.IsCancellationRequested) await Task.Delay(20);
        stop.Cancel();
        Assert.NotNull(await sending.WaitAsync(TimeSpan.FromSeconds(10)));

        var seen = client.GetServer(port)!;
        Assert.InRange(seen.Frames, 5, 6); // more than 4; one more copy may have come as the send was cancelled
        Assert.Equal(0, seen.Malformed);
        Assert.Equal(0, client.Statistics.MalformedByKind.GetValueOrDefault(MalformedKind.AnswerNotAwaited));
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task FirstSendWaitsForAClientUntilCancelled(TransportKind transport)
    {
        var port = FreePorts.One();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var error = await Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromMilliseconds(200), Transport = transport });
            using var frame = TestFrames.Numbered(0, 0);
            return Assert.ThrowsAny<OperationCanceledException>(() => server.Send(frame, cancellationToken: cts.Token));
        }, TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(error);
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task ConnectTimeoutEndsTheWaitForAClientThatNeverCame(TransportKind transport)
    {
        var port = FreePorts.One();
        var error = await Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromMilliseconds(200), ConnectTimeout = TimeSpan.FromMilliseconds(600), Transport = transport,
            });
            using var frame = TestFrames.Numbered(0, 0);
            return Assert.Throws<NetGearException>(() => server.Send(frame));
        }, TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("connect timeout", error.Message);
        Assert.Contains(port.ToString(), error.Message);
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_connect_timeout_shorter_than_the_request_timeout_is_kept(TransportKind transport)
    {
        var port = FreePorts.One();
        var waited = await Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromSeconds(8), ConnectTimeout = TimeSpan.FromSeconds(1), Transport = transport,
            });
            using var frame = TestFrames.Numbered(0, 0);
            var started = System.Diagnostics.Stopwatch.StartNew();
            Assert.Throws<NetGearException>(() => server.Send(frame));
            return started.Elapsed;
        }, TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(25));
        // 1 s and a little, not a whole request timeout (8 s): the bound is loose for a loaded machine.
        Assert.InRange(waited, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task ServerStartedBeforeItsClientDeliversItsFirstFrameWhenTheClientComes(TransportKind transport)
    {
        var port = FreePorts.One();
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromMilliseconds(500), Transport = transport });
            for (var n = 0; n < 3; n++)
            {
                using var frame = TestFrames.Numbered(0, n);
                server.Send(frame, n);
            }
        }, TaskCreationOptions.LongRunning);
        await Task.Delay(TimeSpan.FromSeconds(3)); // several request timeouts pass with no client
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = transport });
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(20));
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["0", "1", "2"], got.Select(g => g.Message)); // once each: nothing was queued while no client was there
    }
}
