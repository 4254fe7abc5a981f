using NetGearSharp.Codecs;
using System.Text;
using NetGearSharp.Reliability.Tests.Fuzzing;
using NetGearSharp.TestSupport;
using NetMQ;
using NetMQ.Sockets;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// A peer on a listed port sends valid frames as fast as it can without ever reading its answers (a DEALER; a REQ
/// server cannot). The client, whose application does not read for a while, keeps at most a queue's worth of them:
/// the rest are dropped, counted as malformed (<see cref="MalformedKind.AnswerNotAwaited"/>) and answered. Before, every one was queued, its
/// answer held, and the client's memory grew for as long as the peer sent. The other server's frames go on.
/// </summary>
public class UnansweredFloodTests(ITestOutputHelper output)
{
    private const int Flood = 300;
    private const int GoodFrames = 20;

    [Theory(Timeout = 120_000)]
    [InlineData(TransportKind.Native, false)]
    [InlineData(TransportKind.Native, true)] // JPEG: frames wait on the decode workers first (with two or more processors)
    [InlineData(TransportKind.NetMq, false)]
    [InlineData(TransportKind.NetMq, true)]
    public async Task A_peer_that_never_waits_for_answers_keeps_a_queues_worth_and_the_rest_is_dropped_and_counted(TransportKind transport, bool jpeg)
    {
        var ports = FreePorts.Take(2);
        int h = ports[0], l = ports[1];
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = ports, Transport = transport, AutoExit = false,
        });
        var sent = await Task.Factory.StartNew(() =>
        {
            FloodPort(client, h, Flood, jpeg);
            return Flood;
        }, TaskCreationOptions.LongRunning);

        // Every frame has been seen: queued (Frames) or dropped.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        ServerInfo flooder;
        while ((flooder = client.GetServer(h)!).Frames + flooder.Malformed < sent)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the client saw {flooder.Frames} + {flooder.Malformed} malformed of {sent} frames ({string.Join(",", client.Statistics.MalformedByKind)})");
            await Task.Delay(20);
        }
        output.WriteLine($"{transport}{(jpeg ? ", JPEG" : "")}: of {sent} frames sent without waiting for answers, {flooder.Frames} were queued and {flooder.Malformed} dropped as AnswerNotAwaited");
        Assert.InRange(flooder.Frames, 1, 20);
        Assert.Equal(sent, flooder.Frames + flooder.Malformed);
        Assert.Equal(flooder.Malformed, client.Statistics.MalformedByKind.GetValueOrDefault(MalformedKind.AnswerNotAwaited));
        Assert.Equal(0, flooder.Dropped);

        // The application reads again: the queued ones come, then the good server's, all of them in order.
        using var good = new GoodServers([l], NetGearPattern.ReqRep, GoodFrames, TimeSpan.FromMilliseconds(10));
        var fromFlooder = 0;
        var fromGood = new List<long>();
        while (fromGood.Count < GoodFrames)
        {
            using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException($"{fromGood.Count} of {GoodFrames} good frames arrived");
            if (packet.Port == h) fromFlooder++;
            else fromGood.Add(packet.Sequence);
        }
        Assert.Equal(flooder.Frames, fromFlooder);
        Assert.Equal(Enumerable.Range(1, GoodFrames).Select(i => (long)i), fromGood);
        Assert.True(good.Join(TimeSpan.FromSeconds(30)), "the good server did not finish");
        Assert.Empty(good.Errors);
    }

    /// <summary>
    /// Four such peers on four ports at once. Each keeps the frames flow control answered (the busy servers share the
    /// queue's 8 frames) and one more whose answer waits (its connection owes no other frame until then), not a whole
    /// queue's worth each: before, every port kept 13 frames (52 here), whatever their size, and a small JPEG can decode
    /// to 100 MB. A good server's frames then all come.
    /// </summary>
    [Theory(Timeout = 120_000)]
    [InlineData(TransportKind.Native, false)]
    [InlineData(TransportKind.Native, true)]
    [InlineData(TransportKind.NetMq, false)]
    [InlineData(TransportKind.NetMq, true)]
    public async Task Peers_on_many_ports_that_never_wait_keep_one_unanswered_frame_each_beside_those_answered(TransportKind transport, bool jpeg)
    {
        const int Flooders = 4, PerFlooder = 60;
        var ports = FreePorts.Take(Flooders + 1);
        var flooding = ports.Take(Flooders).ToArray();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = ports, Transport = transport, AutoExit = false,
        });
        var floods = flooding.Select(port => Task.Factory.StartNew(() => FloodPort(client, port, PerFlooder, jpeg), TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(floods);

        var queued = flooding.Select(port => client.GetServer(port)!.Frames).ToArray();
        output.WriteLine($"{transport}{(jpeg ? ", JPEG" : "")}: of {PerFlooder} frames per port sent without waiting for answers, queued {string.Join(" / ", queued)}");
        foreach (var port in flooding)
        {
            var server = client.GetServer(port)!;
            Assert.Equal(PerFlooder, server.Frames + server.Malformed);
            Assert.InRange(server.Frames, 1, QueueRoomFrames + 1);
        }
        // Answered: at most the shared 8 (a port alone at first keeps up to 8, the next ones their shares) twice over;
        // unanswered: one per port. Before: 13 per port, 52 in all.
        Assert.InRange(queued.Sum(), Flooders, 2 * QueueRoomFrames + Flooders);

        using var good = new GoodServers([ports[^1]], NetGearPattern.ReqRep, GoodFrames, TimeSpan.FromMilliseconds(10));
        var fromGood = new List<long>();
        var fromFlooders = 0;
        while (fromGood.Count < GoodFrames)
        {
            using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30)) ?? throw new TimeoutException($"{fromGood.Count} of {GoodFrames} good frames arrived");
            if (packet.Port == ports[^1]) fromGood.Add(packet.Sequence);
            else fromFlooders++;
        }
        Assert.Equal(queued.Sum(), fromFlooders);
        Assert.Equal(Enumerable.Range(1, GoodFrames).Select(i => (long)i), fromGood);
        Assert.True(good.Join(TimeSpan.FromSeconds(30)), "the good server did not finish");
        Assert.Empty(good.Errors);
    }

    /// <summary>The frames the busy servers share in the client's queue when no capacity is set.</summary>
    private const int QueueRoomFrames = 8;

    /// <summary>Sends <paramref name="count"/> frames to <paramref name="port"/> without reading an answer; open until the client has seen them all.</summary>
    private static void FloodPort(NetGearClient client, int port, int count, bool jpeg)
    {
        using var socket = new DealerSocket();
        socket.Options.Linger = TimeSpan.Zero;
        socket.Options.SendHighWatermark = count * 2;
        socket.Connect($"tcp://127.0.0.1:{port}");
        var payload = jpeg ? Jpeg() : new byte[16 * 16 * 3];
        var compression = jpeg ? "{\"dct\": false, \"ups\": false, \"colorspace\": \"BGR\"}" : "false";
        for (var i = 0; i < count; i++)
        {
            var header = Encoding.UTF8.GetBytes($"{{\"port\": \"{port}\", \"terminate_flag\": false, \"compression\": {compression}, \"message\": {{\"n\": {i}}}, \"pattern\": \"1\", \"dtype\": \"uint8\", \"shape\": [16, 16, 3]}}");
            socket.SendMoreFrameEmpty().SendMoreFrame(header).SendFrame(payload);
        }
        // Open until the client has seen every frame: a NetMQ socket closed with frames still queued may lose them.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (client.GetServer(port)!.Frames + client.GetServer(port)!.Malformed < count)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"port {port}: the client saw {client.GetServer(port)!.Frames} + {client.GetServer(port)!.Malformed} of {count} frames");
            Thread.Sleep(20);
        }
    }

    /// <summary>A 320x240 JPEG (a quarter of a millisecond or more to decode, so the workers fall behind the flood).</summary>
    private static byte[] Jpeg()
    {
        using var encoder = new JpegEncoder(JpegOptions.Default);
        using var frame = Frame.Allocate(ElementType.UInt8, 240, 320, 3);
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i * 7 % 251);
        return encoder.Encode(frame).ToArray();
    }
}
