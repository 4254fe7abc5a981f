using System.Collections.Concurrent;
using NetGearSharp.Modes.Tests.Support;

namespace NetGearSharp.Modes.Tests.InProcess;

/// <summary>Multi-client mode: one server connects to many clients.</summary>
public sealed class MultiClientTests
{
    private static NetGearClient Client(int port, NetGearPattern pattern) => new(new NetGearClientOptions
    {
        Address = "127.0.0.1",
        Ports = [port],
        MultiServerMode = false,
        MultiClientMode = true,
        Pattern = pattern,
        // Publish/Subscribe answers nothing, so it returns nothing (and refuses ReturnData).
        ReturnData = pattern == NetGearPattern.PubSub ? null : p => NetGearReturnData.FromValue(new { client = p }),
        // Publish/Subscribe keeps 1 frame by default (the newest replaces the one before): a reader held up 100 ms by the
        // load of a CI run lost frame 0 to frame 1 (CI42). These tests are about what the server sends each client.
        QueueCapacity = pattern == NetGearPattern.PubSub ? 16 : null,
    });

    private static async Task<ConcurrentQueue<int>> CollectAsync(NetGearClient client, CancellationToken token) =>
        await CollectAsync(client, new ConcurrentQueue<int>(), token);

    private static async Task<ConcurrentQueue<int>> CollectAsync(NetGearClient client, ConcurrentQueue<int> seen, CancellationToken token)
    {
        try
        {
            await foreach (var packet in client.ReadAllAsync(token))
            {
                using (packet) seen.Enqueue(packet.Message!.Value.GetProperty("n").GetInt32());
            }
        }
        catch (OperationCanceledException) { }
        return seen;
    }

    [Fact]
    public async Task Request_reply_deals_frames_to_the_clients_and_each_reply_names_its_client()
    {
        var ports = FreePorts.Take(2);
        await using var a = Client(ports[0], NetGearPattern.ReqRep);
        await using var b = Client(ports[1], NetGearPattern.ReqRep);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seenA = CollectAsync(a, cts.Token);
        var seenB = CollectAsync(b, cts.Token);
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1",
            MultiServerMode = false,
            MultiClientMode = true,
            Ports = ports,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        });
        // Give both connections time to complete, so the socket deals to both (it deals to the connected ones).
        await Drain.UntilAsync(() => a.Servers[0].State != ServerState.Waiting && b.Servers[0].State != ServerState.Waiting, TimeSpan.FromSeconds(30), "both connections");
        var answeredBy = new List<int>();
        for (var n = 0; n < 8; n++)
        {
            using var frame = TestFrames.Filled((byte)n);
            using var reply = server.Send(frame, new { n });
            Assert.NotNull(reply);
            Assert.Equal("dict", reply!.ReturnType);
            Assert.NotNull(reply.Port);
            Assert.Equal(reply.Port, reply.Data!.Value.GetProperty("client").GetInt32());
            answeredBy.Add(reply.Port!.Value);
        }
        Assert.Contains(ports[0], answeredBy);
        Assert.Contains(ports[1], answeredBy);
        Assert.True(server.Close());
        await Drain.UntilAsync(() => a.IsCompleted && b.IsCompleted, TimeSpan.FromSeconds(30), "both clients to end");
        await cts.CancelAsync();
        var gotA = (await seenA).ToArray();
        var gotB = (await seenB).ToArray();
        Assert.Equal(answeredBy.Count(p => p == ports[0]), gotA.Length);
        Assert.Equal(8, gotA.Length + gotB.Length);
        Assert.Empty(gotA.Intersect(gotB)); // dealt, not copied
    }

    [Fact]
    public async Task Publish_subscribe_sends_every_frame_to_every_client()
    {
        var ports = FreePorts.Take(2);
        await using var a = Client(ports[0], NetGearPattern.PubSub);
        await using var b = Client(ports[1], NetGearPattern.PubSub);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        ConcurrentQueue<int> takenA = new(), takenB = new();
        var seenA = CollectAsync(a, takenA, cts.Token);
        var seenB = CollectAsync(b, takenB, cts.Token);
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1",
            MultiServerMode = false,
            MultiClientMode = true,
            Pattern = NetGearPattern.PubSub,
            Ports = ports,
        });
        using var frame = TestFrames.Filled(1);
        // Warm-up frames (n = -1) until both subscriptions have arrived (a publisher drops what it sends before).
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (a.Statistics.TotalFrames == 0 || b.Statistics.TotalFrames == 0)
        {
            Assert.True(warm.Elapsed < TimeSpan.FromSeconds(20), "both clients should receive frames");
            Assert.Null(server.Send(frame, new { n = -1 }));
            await Task.Delay(50);
        }
        for (var n = 0; n < 5; n++)
        {
            server.Send(frame, new { n });
            await Task.Delay(100);
        }
        await Drain.UntilAsync(() => takenA.Contains(4) && takenB.Contains(4), TimeSpan.FromSeconds(20), "both readers to take frame 4");
        await Task.Delay(200); // room for a wrong extra frame to show
        await cts.CancelAsync();
        Assert.Equal([0, 1, 2, 3, 4], (await seenA).Where(n => n >= 0));
        Assert.Equal([0, 1, 2, 3, 4], (await seenB).Where(n => n >= 0));
    }
}
