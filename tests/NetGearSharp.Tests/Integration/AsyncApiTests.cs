using System.Diagnostics;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>The asynchronous API awaits without holding thread-pool threads, and closes without blocking the caller.</summary>
public class AsyncApiTests
{
    [Fact(Timeout = 60_000)]
    public async Task WaitingSendsDoNotHoldThreadPoolThreads()
    {
        const int count = 32;
        var ports = FreePorts.Take(count);
        var logs = new CollectingLoggerFactory();
        // No client: every Request/Reply send waits (for ever by default) for one, retrying every request timeout.
        var servers = ports.Select(p => new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1", Port = p, RequestTimeout = TimeSpan.FromMilliseconds(200), LoggerFactory = logs,
        })).ToArray();
        using var frame = TestFrames.Numbered(0, 0);
        using var stop = new CancellationTokenSource();
        try
        {
            var sends = servers.Select(s => s.SendAsync(frame, cancellationToken: stop.Token).AsTask()).ToArray();
            // Every server's send has waited through a request timeout at least once: it logs where it waits.
            var deadline = Stopwatch.StartNew();
            while (WaitLines(logs).Select(ThreadOf).Distinct().Count() < count && deadline.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(50);
            var waits = WaitLines(logs);
            Assert.Equal(count, waits.Select(ThreadOf).Distinct().Count());
            Assert.DoesNotContain(waits, l => l.Contains(" pool]", StringComparison.Ordinal));
            Assert.All(sends, t => Assert.False(t.IsCompleted));
            // The pool is free for other work meanwhile.
            Assert.Equal(42, await Task.Run(() => 42).WaitAsync(TimeSpan.FromSeconds(10)));

            await stop.CancelAsync();
            foreach (var send in sends)
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            using var closeWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            foreach (var s in servers) await s.CloseAsync(closeWait.Token);
        }
    }

    private static string[] WaitLines(CollectingLoggerFactory logs)
    {
        lock (logs.Lines) return logs.Lines.Where(l => l.Contains("Waiting for a client", StringComparison.Ordinal)).ToArray();
    }

    private static string ThreadOf(string line) => line.Split('[', ']')[1];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task SendAsyncAndCloseAsyncDeliverInOrderAndSayGoodbye(TransportKind transport)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
        var server = new NetGearServer(ServerFleet.Options(port, NetGearPattern.ReqRep, transport));
        var sending = Task.Run(async () =>
        {
            for (var n = 0; n < 20; n++)
            {
                using var frame = TestFrames.Numbered(0, n);
                await server.SendAsync(frame, n);
            }
            return await server.CloseAsync();
        });
        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(30), p => TestFrames.MatchesNumbered(p.Frame, 0, p.GetMessage<int>()));
        Assert.True(await sending.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(Enumerable.Range(0, 20).Select(n => n.ToString()), got.Select(g => g.Message));
        Assert.All(got, g => Assert.True(g.Matches));
        Assert.Equal(20, server.FramesSent);
        Assert.Equal(ServerState.Terminated, client.GetServer(port)!.State);
        Assert.True(await server.CloseAsync()); // twice is fine
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            using var frame = TestFrames.Numbered(0, 0);
            await server.SendAsync(frame);
        });
    }

    [Fact(Timeout = 30_000)]
    public async Task CloseAsyncStopsWaitingForTheAcknowledgementWhenCancelled()
    {
        var port = FreePorts.One();
        // A long request timeout: the goodbye would wait 2 s for an acknowledgement from a client that is not there.
        var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromSeconds(10) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();
        Assert.False(await server.CloseAsync(cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.9), $"took {watch.Elapsed}");
    }

    [Fact(Timeout = 30_000)]
    public async Task ClientDisposeAsyncEndsTheClientAndItsReads()
    {
        var port = FreePorts.One();
        var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port] });
        var reading = Task.Run(async () => { await foreach (var p in client.ReadAllAsync()) p.Dispose(); });
        await client.DisposeAsync();
        await reading.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ClientEndReason.Disposed, await client.Completion);
        Assert.True(client.IsCompleted);
        await client.DisposeAsync(); // twice is fine
    }
}
