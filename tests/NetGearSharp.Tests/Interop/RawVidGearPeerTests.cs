using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetGearSharp.Tests.Support;
using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Tests.Interop;

/// <summary>
/// Bare ZeroMQ sockets replay VidGear's recorded messages (VidGear servers) and play VidGear's client, against our
/// client and server. Only the port inside the header is rewritten, to a free one.
/// </summary>
public class RawVidGearPeerTests
{
    public static IEnumerable<object[]> ReqRepVectors => WireVectors.ServerVectors
        .Where(v => v.GetProperty("pattern").GetInt32() == 1).Select(v => new object[] { v.GetProperty("name").GetString()! });

    public static IEnumerable<object[]> PubSubVectors => WireVectors.ServerVectors
        .Where(v => v.GetProperty("pattern").GetInt32() == 2).Select(v => new object[] { v.GetProperty("name").GetString()! });

    /// <summary>Raw vectors only: JPEG bytes differ between encoders (the JPEG vectors are covered by the decode tests).</summary>
    public static IEnumerable<object[]> RawVectorsOfEitherPattern => WireVectors.ServerVectors
        .Where(v => !WireVectors.IsJpeg(v)).Select(v => new object[] { v.GetProperty("name").GetString()! });

    private static byte[] WithPort(byte[] header, string from, int to)
        => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(header).Replace($"\"port\": \"{from}\"", $"\"port\": \"{to}\"", StringComparison.Ordinal));

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(ReqRepVectors))]
    public async Task OurClientAnswersAVidGearServerExactlyAsVidGearDoes(string name)
    {
        var vector = WireVectors.Named(name);
        var recordedPort = vector.GetProperty("port").GetString()!;
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port] });
        var frameMessage = WireVectors.Parts(vector, 0);
        var terminate = WireVectors.Parts(vector, 1);

        var replies = await Task.Factory.StartNew(() =>
        {
            // VidGear's server socket: REQ with REQ_RELAXED and REQ_CORRELATE.
            using var req = new RequestSocket();
            req.Options.Correlate = true;
            req.Options.Relaxed = true;
            req.Options.Linger = TimeSpan.Zero;
            req.Connect($"tcp://127.0.0.1:{port}");
            req.SendMoreFrame(WithPort(frameMessage[0], recordedPort, port)).SendFrame(frameMessage[1]);
            Assert.True(req.TryReceiveFrameString(TimeSpan.FromSeconds(10), out var frameReply));
            req.SendFrame(WithPort(terminate[0], recordedPort, port));
            Assert.True(req.TryReceiveFrameString(TimeSpan.FromSeconds(10), out var terminateReply));
            return (frameReply!, terminateReply!);
        }, TaskCreationOptions.LongRunning);

        Assert.Matches(@"^Data received on device: [A-Z0-9]{8} !$", replies.Item1);
        Assert.Equal($"Data received on device: {client.DeviceId} !", replies.Item1);
        Assert.Equal("Termination signal successfully received at client!", replies.Item2);

        var got = await Collect.UntilEnd(client, TimeSpan.FromSeconds(10));
        Assert.Single(got);
        var expected = vector.GetProperty("message");
        Assert.Equal(expected.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(expected.GetRawText())!.ToJsonString(),
            got[0].Message is null ? null : JsonNode.Parse(got[0].Message!)!.ToJsonString());
        Assert.Equal(ServerState.Terminated, client.Servers.Single().State);
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(PubSubVectors))]
    public async Task OurClientReceivesAVidGearPublisher(string name)
    {
        var vector = WireVectors.Named(name);
        var recordedPort = vector.GetProperty("port").GetString()!;
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Pattern = NetGearPattern.PubSub });
        var parts = WireVectors.Parts(vector, 0);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var publishing = Task.Factory.StartNew(() =>
        {
            using var pub = new PublisherSocket();
            pub.Options.SendHighWatermark = 1;
            pub.Options.Linger = TimeSpan.FromSeconds(1);
            pub.Connect($"tcp://127.0.0.1:{port}");
            // Until the subscription is connected, published messages are dropped: repeat until one arrives.
            while (!cts.IsCancellationRequested && client.Statistics.TotalFrames == 0)
            {
                pub.SendMoreFrame(WithPort(parts[0], recordedPort, port)).SendFrame(parts[1]);
                Thread.Sleep(20);
            }
            for (var i = 0; i < 3; i++)
            {
                pub.SendFrame(WithPort(WireVectors.Parts(vector, 1)[0], recordedPort, port));
                Thread.Sleep(20);
            }
        }, TaskCreationOptions.LongRunning);

        using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(15), cts.Token);
        Assert.NotNull(packet);
        var frame = vector.GetProperty("frame");
        if (!WireVectors.IsJpeg(vector))
            Assert.Equal(Convert.FromBase64String(frame.GetProperty("c_order_bytes_b64").GetString()!), packet!.Frame.Data.ToArray());
        Assert.Equal(frame.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()), packet!.Frame.Shape);
        await publishing;
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(RawVectorsOfEitherPattern))]
    public async Task AVidGearClientReceivesFromOurServerTheRecordedMessage(string name)
    {
        var vector = WireVectors.Named(name);
        if (vector.GetProperty("pattern").GetInt32() == 2)
        {
            await AVidGearSubscriberReceivesFromOurPublisherTheRecordedMessage(vector);
            return;
        }
        var recordedPort = vector.GetProperty("port").GetString()!;
        var port = FreePorts.One();
        var recorded = WireVectors.Parts(vector, 0);
        using var frame = RecordedFrame(vector);
        var message = vector.GetProperty("message");

        // VidGear's client socket in multi-server REQ/REP mode: REP bound on the port.
        using var rep = new ResponseSocket();
        rep.Options.Linger = TimeSpan.Zero;
        rep.Bind($"tcp://127.0.0.1:{port}");
        var sending = Task.Factory.StartNew(() =>
        {
            // A request timeout of 30 s: the goodbye's answer is awaited 6 s (by default 0.8 s, which CI6 of the
            // forty-first session outlasted once, when the whole suite started at once).
            var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromSeconds(30) });
            server.Send(frame, message.ValueKind == JsonValueKind.Null ? null : message);
            return server.Close();
        }, TaskCreationOptions.LongRunning);

        // Each message is answered at once, as VidGear's client does, and checked after: the server waits for the
        // goodbye's answer for a fifth of its request timeout only, which checks on a loaded machine could outlast.
        var parts = new List<byte[]>();
        Assert.True(rep.TryReceiveMultipartBytes(TimeSpan.FromSeconds(10), ref parts!));
        rep.SendFrame("Data received on device: ABCD1234 !");
        Assert.True(rep.TryReceiveFrameBytes(TimeSpan.FromSeconds(10), out var goodbye));
        rep.SendFrame("Termination signal successfully received at client!");
        Assert.True(await sending.WaitAsync(TimeSpan.FromSeconds(10)), "the server saw no answer to its goodbye");

        Assert.Equal(2, parts!.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WithPort(recorded[0], recordedPort, port)), JsonNode.Parse(parts[0])));
        Assert.Equal(recorded[1], parts[1]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WithPort(WireVectors.Parts(vector, 1)[0], recordedPort, port)), JsonNode.Parse(goodbye!)));
    }

    /// <summary>
    /// VidGear's client socket in multi-server Publish/Subscribe mode (SUB bound on the port, subscribed to everything)
    /// receives our publisher's frame: the same header as VidGear's, and the very payload bytes VidGear sent.
    /// </summary>
    private static async Task AVidGearSubscriberReceivesFromOurPublisherTheRecordedMessage(JsonElement vector)
    {
        var recordedPort = vector.GetProperty("port").GetString()!;
        var port = FreePorts.One();
        var recorded = WireVectors.Parts(vector, 0);
        using var frame = RecordedFrame(vector);
        var message = vector.GetProperty("message");

        using var sub = new SubscriberSocket();
        sub.Options.Linger = TimeSpan.Zero;
        sub.Bind($"tcp://127.0.0.1:{port}");
        sub.SubscribeToAnyTopic();
        var sending = Task.Factory.StartNew(() =>
        {
            // The first frame waits for the subscription (PublishConnectWait), so it is not dropped.
            var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1", Port = port, Pattern = NetGearPattern.PubSub, PublishConnectWait = TimeSpan.FromSeconds(10),
            });
            server.Send(frame, message.ValueKind == JsonValueKind.Null ? null : message);
            return server.Close();
        }, TaskCreationOptions.LongRunning);

        var parts = new List<byte[]>();
        Assert.True(sub.TryReceiveMultipartBytes(TimeSpan.FromSeconds(15), ref parts!), "no frame from our publisher");
        Assert.True(sub.TryReceiveFrameBytes(TimeSpan.FromSeconds(10), out var goodbye), "no goodbye from our publisher");
        Assert.True(await sending.WaitAsync(TimeSpan.FromSeconds(10)), "our publisher did not close");

        Assert.Equal(2, parts!.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WithPort(recorded[0], recordedPort, port)), JsonNode.Parse(parts[0])),
            $"ours: {Encoding.UTF8.GetString(parts[0])}");
        Assert.Equal(recorded[1], parts[1]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WithPort(WireVectors.Parts(vector, 1)[0], recordedPort, port)), JsonNode.Parse(goodbye!)));
    }

    /// <summary>The frame a vector recorded (its element type, shape and C-order bytes).</summary>
    private static Frame RecordedFrame(JsonElement vector)
    {
        var frameInfo = vector.GetProperty("frame");
        Assert.True(ElementTypes.TryParse(frameInfo.GetProperty("dtype").GetString(), out var type));
        var shape = frameInfo.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        return Frame.Copy(Convert.FromBase64String(frameInfo.GetProperty("c_order_bytes_b64").GetString()!), type, shape);
    }
}
