using NetGearSharp.Client;

using static NetGearSharp.Tests.Support.ReqMessages;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// Where a streaming Request/Reply JPEG server's frame decodes (an in-memory transport plays the servers, each
/// encoding its next frame for a while once answered): on the receive thread, answered once delivered, when the other
/// local servers' encodes leave one processor (two local servers on two processors); on a decode worker, answered
/// while it decodes, otherwise (one server, servers elsewhere, more processors). Seen from the outside: whether a
/// server's answer goes out before or after the frame it answers is delivered. The idle gap is lengthened to 2 s so
/// that the test servers' 30 ms encodes count as streaming.
/// </summary>
public sealed class LocalJpegDecodeHereTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Encode = TimeSpan.FromMilliseconds(30);
    private const int FramesEach = 8;

    [Theory(Timeout = 120_000)]
    [InlineData(2, 2, true, true)]
    [InlineData(1, 2, true, false)] // nothing else encodes: answered ahead, so the server encodes while its frame decodes
    [InlineData(2, 2, false, false)] // servers elsewhere encode on their own processors
    [InlineData(2, 4, true, false)] // one encode leaves three processors: the workers decode
    public async Task Frames_decode_on_the_receive_thread_only_when_the_other_local_encodes_leave_one_processor(
        int servers, int processors, bool onThisMachine, bool decodedHere)
    {
        var ports = Enumerable.Range(6201, servers).ToArray();
        var transport = new InMemoryTransport { WakeUps = true };
        var options = new NetGearClientOptions { Ports = ports, CustomTransport = transport, AutoExit = false, JpegDecodeThreads = 2 };
        await using var client = new NetGearClient(ClientSettings.From(options, processors) with { GrantIdleGap = TimeSpan.FromSeconds(2) });
        var socket = Assert.Single(transport.Sockets);
        foreach (var port in ports) socket.Accept(port, onThisMachine);
        Assert.True(SpinWait.SpinUntil(() => ports.All(p => client.GetServer(p)!.Connections == 1), Wait), "the connections were not seen");

        var pictures = ports.ToDictionary(p => p, p => Enumerable.Range(0, FramesEach).Select(n => JpegFrame(p, n, 64, 48)).ToArray());
        var gate = new object();
        var answers = ports.ToDictionary(p => p, _ => 0);
        var (answeredBefore, answeredAfter) = (0, 0);
        var due = new PriorityQueue<byte[][], long>();
        socket.Sent += reply =>
        {
            // Raised on the client's thread as the answer goes out: was the frame it answers delivered already?
            var port = PortOf(reply);
            var delivered = client.GetServer(port)!.Frames;
            lock (gate)
            {
                var answered = ++answers[port]; // the answer to the server's frame number `answered` (from 1)
                // The first two frames of each server are left out (the first comes unasked, and the second's grant is
                // the first that says the server streams), and so is the last (the test may end before its answer).
                if (answered > 2 && answered < FramesEach) _ = delivered >= answered ? answeredAfter++ : answeredBefore++;
                if (answered < FramesEach) due.Enqueue(pictures[port][answered], Environment.TickCount64 + (long)Encode.TotalMilliseconds);
            }
        };
        using var stop = new CancellationTokenSource();
        var encoder = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[][]? next = null;
                lock (gate)
                {
                    if (due.TryPeek(out var frame, out var at) && at <= Environment.TickCount64) next = due.Dequeue();
                }
                if (next is not null) socket.Deliver(next);
                else Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "test servers" };
        encoder.Start();
        try
        {
            foreach (var port in ports) socket.Deliver(pictures[port][0]);
            for (var i = 0; i < servers * FramesEach; i++)
            {
                using var packet = await client.ReceiveAsync(Wait);
                Assert.NotNull(packet);
            }
        }
        finally
        {
            await stop.CancelAsync();
            encoder.Join(Wait);
        }

        lock (gate)
        {
            if (decodedHere) Assert.Equal((0, servers * (FramesEach - 3)), (answeredBefore, answeredAfter));
            else Assert.True(answeredBefore > 0, $"every answer went out after its frame was delivered ({answeredAfter}): decoded on the receive thread");
        }
    }
}
