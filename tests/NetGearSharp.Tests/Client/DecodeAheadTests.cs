using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using NetGearSharp.Client;
using NetGearSharp.Protocol;

using static NetGearSharp.Tests.Support.ReqMessages;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// Request/Reply JPEG frames with decode workers (an in-memory transport with wake-ups plays the servers): a frame is
/// answered as soon as a worker has it, so its server can encode the next one meanwhile; a server's next frame waits
/// for the delivery of the one before, so frames stay in order and queues keep their bound.
/// </summary>
public sealed class DecodeAheadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const int PortA = 5001, PortB = 5002, WarmUpPort = 5003;

    private static (NetGearClient Client, InMemorySocket Socket) Start(Func<NetGearClientOptions, NetGearClientOptions>? change = null, int processors = 4)
    {
        var transport = new InMemoryTransport { WakeUps = true };
        var options = new NetGearClientOptions { Ports = [PortA, PortB, WarmUpPort], CustomTransport = transport, AutoExit = false, JpegDecodeThreads = 2 };
        var client = new NetGearClient(ClientSettings.From(change is null ? options : change(options), processors));
        return (client, Assert.Single(transport.Sockets));
    }

    /// <summary>
    /// The client's first JPEG frame decodes on its receive thread (that is where a missing libturbojpeg is found and
    /// said once); the workers take frames from the second on. One frame of a third server gets that over with.
    /// </summary>
    private static async Task WarmUpAsync(NetGearClient client, InMemorySocket socket)
    {
        socket.Deliver(JpegFrame(WarmUpPort, 0));
        using (var packet = await client.ReceiveAsync(Wait)) Assert.NotNull(packet);
        Assert.NotNull(socket.TakeSent(Wait));
    }

    private static long Delivered(NetGearClient client, int port) => client.GetServer(port)!.Frames;

    [Fact(Timeout = 60_000)]
    public async Task A_frame_is_answered_when_a_worker_takes_it_before_it_is_delivered()
    {
        var (client, socket) = Start();
        await using var _ = client;
        await WarmUpAsync(client, socket);
        var deliveredWhenAnswered = new ConcurrentQueue<long>();
        socket.Sent += reply => deliveredWhenAnswered.Enqueue(Delivered(client, PortOf(reply)));

        socket.Deliver(JpegFrame(PortA, 0));
        using var packet = await client.ReceiveAsync(Wait);
        Assert.NotNull(packet);
        Assert.Equal(0, JsonDocument.Parse(packet.MessageUtf8).RootElement.GetProperty("n").GetInt32());
        var reply = socket.TakeSent(Wait);
        Assert.NotNull(reply);
        Assert.True(Replies.IsFrameAck(reply[^1]), Encoding.UTF8.GetString(reply[^1]));
        // The answer went out while the frame was still with the worker: none of the server's frames was delivered yet.
        Assert.Equal([0L], deliveredWhenAnswered);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_servers_next_frame_waits_for_the_one_before_so_frames_stay_in_order()
    {
        // No byte budget: the decoded frames pile up unread here, and the budget would hold answers back for them.
        var (client, socket) = Start(o => o with { QueueCapacity = 100, MaxBytesInFlight = 0 });
        await using var _ = client;
        await WarmUpAsync(client, socket);
        // Each server sends its next frame as soon as its frame before is answered, as a REQ socket does. Answered as a
        // worker takes it, a frame's successor mostly arrives while it still decodes, and waits for its delivery. (A peer
        // that sends without waiting for answers has its extra frames dropped: UnansweredFloodTests.)
        const int frames = 12;
        var toSend = new[] { PortA, PortB }.ToDictionary(port => port, port => Enumerable.Range(0, frames).Select(n => JpegFrame(port, n)).ToArray());
        var sent = new Dictionary<int, int> { [PortA] = 1, [PortB] = 1 };
        var answers = new ConcurrentQueue<(int Port, long Delivered)>();
        socket.Sent += reply =>
        {
            var port = PortOf(reply);
            answers.Enqueue((port, Delivered(client, port)));
            if (sent[port] < frames) socket.Deliver(toSend[port][sent[port]++]); // the receive thread only: no lock
        };
        socket.Deliver(toSend[PortA][0]);
        socket.Deliver(toSend[PortB][0]);
        var next = new Dictionary<int, int> { [PortA] = 0, [PortB] = 0 };
        for (var i = 0; i < 2 * frames; i++)
        {
            using var packet = await client.ReceiveAsync(Wait);
            Assert.NotNull(packet);
            var n = JsonDocument.Parse(packet.MessageUtf8).RootElement.GetProperty("n").GetInt32();
            Assert.Equal(next[packet.Port], n);
            next[packet.Port]++;
        }
        for (var i = 0; i < 2 * frames; i++) Assert.NotNull(socket.TakeSent(Wait));
        // The k-th answer to a server went out when exactly k-1 of its frames had been delivered.
        foreach (var port in new[] { PortA, PortB })
            Assert.Equal(Enumerable.Range(0, frames).Select(k => (long)k), answers.Where(a => a.Port == port).Select(a => a.Delivered));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_goodbye_right_after_an_early_answer_comes_after_the_frame_still_decoding()
    {
        var (client, socket) = Start(o => o with { AutoExit = true });
        await using var _ = client;
        await WarmUpAsync(client, socket);
        socket.Deliver(JpegFrame(PortA, 0));
        Assert.NotNull(socket.TakeSent(Wait)); // answered as the worker took it: a REQ server says goodbye at once
        socket.Deliver(Goodbye(PortA));
        socket.Deliver(Goodbye(WarmUpPort));

        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(Wait));
        var a = client.GetServer(PortA)!;
        Assert.Equal(ServerState.Terminated, a.State); // not counted as streaming again by a frame delivered after its goodbye
        Assert.Equal(1, a.Frames);
        using var packet = await client.ReceiveAsync(Wait);
        Assert.NotNull(packet);
        Assert.Equal(PortA, packet.Port);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_frame_that_decodes_ahead_takes_room_in_its_servers_queue()
    {
        // Queue of 2, nobody reads: the first frame is answered at once (1 queued or decoding + 1 to come); the second
        // arrives and fills the queue, so its answer waits until the application takes a frame.
        var (client, socket) = Start(o => o with { QueueCapacity = 2 });
        await using var _ = client;
        await WarmUpAsync(client, socket);
        socket.Deliver(JpegFrame(PortA, 0));
        Assert.NotNull(socket.TakeSent(Wait));
        socket.Deliver(JpegFrame(PortA, 1));
        Assert.Null(socket.TakeSent(TimeSpan.FromSeconds(1)));
        Assert.True(SpinWait.SpinUntil(() => Delivered(client, PortA) == 2, Wait), "the second frame was not delivered");
        Assert.Null(socket.TakeSent(TimeSpan.FromMilliseconds(200)));

        using (var first = await client.ReceiveAsync(Wait)) Assert.NotNull(first);
        Assert.NotNull(socket.TakeSent(Wait));
    }

    [Theory(Timeout = 120_000)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task No_more_frames_are_answered_ahead_at_once_than_one_less_than_the_processors(int processors)
    {
        // Four servers that each send their next frame when answered, as REQ servers do; large frames, so that a frame
        // decodes while the others arrive. With 2 workers and 1 or 2 processors, one frame at most may be answered ahead.
        int[] ports = [PortA, PortB, PortA + 10, PortB + 10];
        var (client, socket) = Start(o => o with { Ports = [.. ports, WarmUpPort], QueueCapacity = 100, MaxBytesInFlight = 0 }, processors);
        await using var _ = client;
        await WarmUpAsync(client, socket);
        const int frames = 6;
        var pictures = ports.ToDictionary(p => p, p => Enumerable.Range(0, frames).Select(n => JpegFrame(p, n, 1920, 1080)).ToArray());
        var answered = ports.ToDictionary(p => p, _ => 0L);
        var mostAhead = 0L;
        socket.Sent += reply =>
        {
            // On the receive thread, as the answer goes out: frames answered and not yet delivered, over all servers.
            var port = PortOf(reply);
            answered[port]++;
            mostAhead = Math.Max(mostAhead, ports.Sum(p => answered[p] - Delivered(client, p)));
            if (answered[port] < frames) socket.Deliver(pictures[port][answered[port]]);
        };

        foreach (var port in ports) socket.Deliver(pictures[port][0]);
        for (var i = 0; i < ports.Length * frames; i++)
        {
            using var packet = await client.ReceiveAsync(Wait);
            Assert.NotNull(packet);
        }
        Assert.True(SpinWait.SpinUntil(() => socket.SentCount >= ports.Length * frames, Wait), "not every frame was answered");
        Assert.Equal(1, ClientSettings.AnswersAhead(processors));
        Assert.InRange(Volatile.Read(ref mostAhead), 0, 1);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(16, 15)]
    public void Frames_answered_ahead_at_once_are_one_less_than_the_processors_and_at_least_one(int processors, int expected)
    {
        Assert.Equal(expected, ClientSettings.AnswersAhead(processors));
        Assert.Equal(expected, ClientSettings.From(new NetGearClientOptions { Ports = [PortA] }, processors).MaxAnsweredAhead);
    }
}
