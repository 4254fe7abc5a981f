using NetGearSharp.Modes.Tests.Support;

namespace NetGearSharp.Modes.Tests.InProcess;

/// <summary>Plain bidirectional mode: one server, one client, Pair or Request/Reply.</summary>
public sealed class PlainBidirectionalTests
{
    [Theory]
    [InlineData(NetGearPattern.Pair)]
    [InlineData(NetGearPattern.ReqRep)]
    public async Task The_server_gets_what_the_client_returns_and_the_client_gets_frames_and_messages(NetGearPattern pattern)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            MultiServerMode = false,
            Pattern = pattern,
            BidirectionalMode = true,
            ReturnData = p => NetGearReturnData.FromValue(new { seen = p }),
        });
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1",
            Port = port,
            MultiServerMode = false,
            Pattern = pattern,
            BidirectionalMode = true,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        });
        for (var i = 0; i < 3; i++)
        {
            using var frame = TestFrames.Filled((byte)(10 + i));
            var send = Task.Run(() => server.Send(frame, new { i }));
            using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull(packet);
            Assert.Equal(10 + i, packet!.Frame.Data[0]);
            Assert.Equal(i, packet.Message!.Value.GetProperty("i").GetInt32());
            using var reply = await send.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("dict", reply!.ReturnType);
            Assert.Equal(port, reply.Data!.Value.GetProperty("seen").GetInt32());
        }
    }

    [Fact]
    public async Task Without_bidirectional_mode_send_returns_null()
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port] });
        using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromSeconds(30) });
        using var frame = TestFrames.Filled(1);
        var send = Task.Run(() => server.Send(frame));
        using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(packet);
        Assert.Null(await send.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Throws<InvalidOperationException>(() => client.SetReturnData(NetGearReturnData.FromValue(1)));
    }

    [Fact]
    public async Task SendAsync_gives_the_reply_as_Send_does()
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            MultiServerMode = false,
            BidirectionalMode = true,
        });
        await using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1",
            Port = port,
            MultiServerMode = false,
            BidirectionalMode = true,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        });
        client.SetReturnData(port, NetGearReturnData.FromValue(new { async = true }));
        using var frame = TestFrames.Filled(7);
        var send = server.SendAsync(frame, new { n = 1 });
        using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(packet);
        Assert.Equal(7, packet!.Frame.Data[0]);
        using var reply = await send.AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("dict", reply!.ReturnType);
        Assert.True(reply.Data!.Value.GetProperty("async").GetBoolean());
    }
}
