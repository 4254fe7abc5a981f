using System.Text;
using System.Text.Json;
using NetGearSharp.Transport;
using NetGearSharp.Transport.NetMq;

namespace NetGearSharp.Modes.Tests.Wire;

/// <summary>
/// The reply JSON field by field, as VidGear writes and reads it (netgear.py: <c>return_type</c>, <c>data</c>; for
/// frames <c>compression</c>, <c>array_dtype</c>, <c>array_shape</c> and a second part; <c>port</c> first in
/// multi-client mode), seen through raw sockets that play VidGear's side.
/// </summary>
public sealed class ReplyWireShapeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static byte[] Header(int? port) => Encoding.UTF8.GetBytes(
        (port is { } p ? $"{{\"port\": \"{p}\", " : "{") +
        "\"terminate_flag\": false, \"compression\": false, \"message\": {\"n\": 1}, \"pattern\": \"1\", \"dtype\": \"uint8\", \"shape\": [2, 3, 3]}");

    /// <summary>Sends one frame as a VidGear REQ server would (through a DEALER: delimiter, header, payload) and returns the reply's parts.</summary>
    private static List<byte[]> SendAsVidGearServer(int port, bool multiServer)
    {
        using var dealer = NetMqTransport.Instance.CreateSocket(new SocketSpec(SocketKind.Dealer));
        dealer.Connect($"tcp://127.0.0.1:{port}");
        Assert.True(dealer.TrySend([], more: true, Wait));
        Assert.True(dealer.TrySend(Header(multiServer ? port : null), more: true, Wait));
        Assert.True(dealer.TrySend(new byte[18], more: false, Wait));
        var parts = new List<byte[]>();
        Assert.True(dealer.TryReceive(Wait, out var part, out var more), "the client should answer");
        parts.Add(part.ToArray());
        while (more)
        {
            Assert.True(dealer.TryReceive(Wait, out part, out more));
            parts.Add(part.ToArray());
        }
        Assert.Empty(parts[0]); // the REQ delimiter
        return parts.Skip(1).ToList();
    }

    private static List<(string Name, string Json)> Fields(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())).ToList();
    }

    private static async Task<List<byte[]>> AnswerAsync(NetGearClientOptions options, int port, bool multiServer)
    {
        await using var client = new NetGearClient(options);
        var parts = await Task.Run(() => SendAsVidGearServer(port, multiServer));
        using var packet = await client.ReceiveAsync(Wait);
        Assert.NotNull(packet);
        return parts;
    }

    [Fact]
    public async Task A_value_reply_is_return_type_then_data()
    {
        var port = FreePorts.One();
        var parts = await AnswerAsync(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            BidirectionalMode = true,
            ReturnData = _ => NetGearReturnData.FromValue(new Dictionary<string, object> { ["ok"] = true, ["score"] = 0.5 }),
        }, port, multiServer: true);
        var reply = Assert.Single(parts);
        Assert.Equal([("return_type", "\"dict\""), ("data", "{\"ok\":true,\"score\":0.5}")], Fields(reply));
    }

    [Fact]
    public async Task No_return_data_is_VidGears_NoneType_with_null_data()
    {
        var port = FreePorts.One();
        var parts = await AnswerAsync(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], BidirectionalMode = true }, port, multiServer: true);
        Assert.Equal([("return_type", "\"NoneType\""), ("data", "null")], Fields(Assert.Single(parts)));
    }

    [Fact]
    public async Task A_multi_client_reply_starts_with_the_clients_port_as_a_string()
    {
        var port = FreePorts.One();
        var parts = await AnswerAsync(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            MultiServerMode = false,
            MultiClientMode = true,
            ReturnData = _ => NetGearReturnData.FromJson("\"hi\""),
        }, port, multiServer: false);
        Assert.Equal([("port", $"\"{port}\""), ("return_type", "\"str\""), ("data", "\"hi\"")], Fields(Assert.Single(parts)));
    }

    [Fact]
    public async Task A_raw_frame_reply_has_dtype_and_shape_then_the_frame_part()
    {
        var port = FreePorts.One();
        using var frame = Frame.Allocate(ElementType.Int16, 2, 2);
        frame.AsSpan<short>()[3] = -2;
        var parts = await AnswerAsync(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            BidirectionalMode = true,
            ReturnData = _ => NetGearReturnData.FromFrame(frame),
        }, port, multiServer: true);
        Assert.Equal(2, parts.Count);
        Assert.Equal([("return_type", "\"ndarray\""), ("compression", "false"), ("array_dtype", "\"int16\""), ("array_shape", "[2,2]"), ("data", "null")], Fields(parts[0]));
        Assert.Equal(frame.Data.ToArray(), parts[1]);
    }

    [Fact]
    public async Task A_JPEG_frame_reply_has_the_compression_object_empty_dtype_and_shape_then_the_JPEG()
    {
        var port = FreePorts.One();
        using var frame = Frame.Allocate(ElementType.UInt8, 16, 16, 3);
        var parts = await AnswerAsync(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            BidirectionalMode = true,
            ReturnData = _ => NetGearReturnData.FromFrame(frame, JpegOptions.Default),
        }, port, multiServer: true);
        Assert.Equal(2, parts.Count);
        Assert.Equal([("return_type", "\"ndarray\""), ("compression", "{\"dct\":true,\"ups\":false,\"colorspace\":\"BGR\"}"), ("array_dtype", "\"\""), ("array_shape", "\"\""), ("data", "null")], Fields(parts[0]));
        Assert.Equal(0xFF, parts[1][0]);
        Assert.Equal(0xD8, parts[1][1]); // JPEG start of image
    }

    [Fact]
    public async Task A_multi_client_server_reads_VidGears_reply_with_port_and_array_and_sends_no_port_in_its_header()
    {
        var port = FreePorts.One();
        // Plays a VidGear multi-client client: a ROUTER that binds its port and answers like netgear.py's __recv_handler.
        using var router = NetMqTransport.Instance.CreateSocket(new SocketSpec(SocketKind.Router));
        router.Bind($"tcp://127.0.0.1:{port}");
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1",
            MultiServerMode = false,
            MultiClientMode = true,
            Ports = [port],
            ConnectTimeout = Wait,
        });
        using var frame = Frame.Allocate(ElementType.UInt8, 2, 3, 3);
        var send = Task.Run(() => server.Send(frame, "hello"));
        var parts = new List<byte[]>();
        Assert.True(router.TryReceive(Wait, out var part, out var more));
        parts.Add(part.ToArray());
        while (more)
        {
            Assert.True(router.TryReceive(Wait, out part, out more));
            parts.Add(part.ToArray());
        }
        Assert.Equal(4, parts.Count); // routing id, delimiter, header, payload
        var header = Fields(parts[2]);
        Assert.DoesNotContain(header, f => f.Name == "port");
        Assert.Equal(("message", "\"hello\""), header.Single(f => f.Name == "message"));
        var returned = new byte[] { 1, 2, 3, 4, 5, 6 };
        var json = Encoding.UTF8.GetBytes($"{{\"port\": \"{port}\", \"return_type\": \"ndarray\", \"compression\": false, \"array_dtype\": \"uint8\", \"array_shape\": [2, 3], \"data\": null}}");
        Assert.True(router.TrySend(parts[0], more: true, Wait));
        Assert.True(router.TrySend([], more: true, Wait));
        Assert.True(router.TrySend(json, more: true, Wait));
        Assert.True(router.TrySend(returned, more: false, Wait));
        using var reply = await send.WaitAsync(Wait);
        Assert.NotNull(reply);
        Assert.Equal(port, reply!.Port);
        Assert.Equal("ndarray", reply.ReturnType);
        Assert.Equal([2, 3], reply.Frame!.Shape);
        Assert.Equal(returned, reply.Frame.Data.ToArray());
        server.Abort();
    }

    [Fact]
    public async Task A_reply_that_is_not_return_data_gives_null_not_an_exception()
    {
        var port = FreePorts.One();
        using var router = NetMqTransport.Instance.CreateSocket(new SocketSpec(SocketKind.Router));
        router.Bind($"tcp://127.0.0.1:{port}");
        using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, BidirectionalMode = true, ConnectTimeout = Wait });
        using var frame = Frame.Allocate(ElementType.UInt8, 1, 1);
        var send = Task.Run(() => server.Send(frame));
        var envelope = new List<byte[]>();
        Assert.True(router.TryReceive(Wait, out var part, out var more));
        envelope.Add(part.ToArray());
        while (more) { Assert.True(router.TryReceive(Wait, out part, out more)); }
        Assert.True(router.TrySend(envelope[0], more: true, Wait));
        Assert.True(router.TrySend([], more: true, Wait));
        Assert.True(router.TrySend("Data received on device: ABCD1234 !"u8, more: false, Wait));
        Assert.Null(await send.WaitAsync(Wait));
        server.Abort();
    }
}
