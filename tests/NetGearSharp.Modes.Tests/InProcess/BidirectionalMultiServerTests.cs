using System.Collections.Concurrent;
using NetGearSharp.Modes.Tests.Support;

namespace NetGearSharp.Modes.Tests.InProcess;

/// <summary>Bidirectional mode with multi-server: each server gets the return data of the answer to its own frame.</summary>
public sealed class BidirectionalMultiServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static NetGearServerOptions ServerOptions(int port) => new()
    {
        Address = "127.0.0.1",
        Port = port,
        BidirectionalMode = true,
        RequestTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = Timeout,
    };

    /// <summary>Reads frames until the token is cancelled (the servers' frames must be taken for their answers to go out).</summary>
    private static async Task<ConcurrentBag<int>> DrainAsync(NetGearClient client, CancellationToken token)
    {
        var ports = new ConcurrentBag<int>();
        try
        {
            await foreach (var packet in client.ReadAllAsync(token))
            {
                using (packet) ports.Add(packet.Port);
            }
        }
        catch (OperationCanceledException) { }
        return ports;
    }

    [Fact]
    public async Task Each_server_gets_the_data_its_port_callback_returns()
    {
        var ports = FreePorts.Take(2);
        var calls = new ConcurrentDictionary<int, int>();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = ports,
            BidirectionalMode = true,
            WaitForAllServers = true,
            ReturnData = port => NetGearReturnData.FromValue(new { forPort = port, answer = calls.AddOrUpdate(port, 1, (_, n) => n + 1) }),
        });
        using var cts = new CancellationTokenSource(Timeout);
        var drain = DrainAsync(client, cts.Token);
        var results = await Task.WhenAll(ports.Select(port => Task.Run(() =>
        {
            using var server = new NetGearServer(ServerOptions(port));
            var replies = new List<(int ForPort, int Answer)>();
            for (var i = 0; i < 5; i++)
            {
                using var frame = TestFrames.Filled((byte)i);
                using var reply = server.Send(frame, new { i });
                Assert.NotNull(reply);
                Assert.Equal("dict", reply!.ReturnType);
                Assert.Null(reply.Port);
                var data = reply.Data!.Value;
                replies.Add((data.GetProperty("forPort").GetInt32(), data.GetProperty("answer").GetInt32()));
            }
            return (port, replies);
        })));
        await cts.CancelAsync();
        await drain;
        foreach (var (port, replies) in results)
        {
            Assert.All(replies, r => Assert.Equal(port, r.ForPort));
            Assert.Equal([1, 2, 3, 4, 5], replies.Select(r => r.Answer));
        }
    }

    [Fact]
    public async Task Data_set_for_one_port_goes_only_to_that_server_and_data_for_all_to_the_others()
    {
        var ports = FreePorts.Take(2);
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, BidirectionalMode = true });
        client.SetReturnData(NetGearReturnData.FromJson("\"for everyone\""));
        client.SetReturnData(ports[1], NetGearReturnData.FromValue(42));
        using var cts = new CancellationTokenSource(Timeout);
        var drain = DrainAsync(client, cts.Token);
        using (var first = new NetGearServer(ServerOptions(ports[0])))
        using (var second = new NetGearServer(ServerOptions(ports[1])))
        using (var frame = TestFrames.Filled(1))
        {
            using var a = first.Send(frame);
            using var b = second.Send(frame);
            Assert.Equal("str", a!.ReturnType);
            Assert.Equal("for everyone", a.GetData<string>());
            Assert.Equal("int", b!.ReturnType);
            Assert.Equal(42, b.GetData<int>());
            client.SetReturnData(ports[1], null); // back to the data for all
            using var c = second.Send(frame);
            Assert.Equal("for everyone", c!.GetData<string>());
            client.SetReturnData(null);
            using var d = first.Send(frame);
            Assert.Equal("NoneType", d!.ReturnType);
            Assert.False(d.HasData);
        }
        await cts.CancelAsync();
        await drain;
    }

    [Fact]
    public async Task A_returned_frame_arrives_raw_byte_for_byte_and_as_JPEG_with_its_shape()
    {
        var ports = FreePorts.Take(1);
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, BidirectionalMode = true });
        using var cts = new CancellationTokenSource(Timeout);
        var drain = DrainAsync(client, cts.Token);
        using var server = new NetGearServer(ServerOptions(ports[0]));
        using var returned = Frame.Allocate(ElementType.UInt16, 5, 7);
        var values = returned.AsSpan<ushort>();
        for (var i = 0; i < values.Length; i++) values[i] = (ushort)(i * 1000);
        client.SetReturnData(NetGearReturnData.FromFrame(returned));
        using var frame = TestFrames.Filled(3);
        using (var raw = server.Send(frame))
        {
            Assert.Equal("ndarray", raw!.ReturnType);
            Assert.Equal(ElementType.UInt16, raw.Frame!.ElementType);
            Assert.Equal([5, 7], raw.Frame.Shape);
            Assert.True(raw.Frame.Data.SequenceEqual(returned.Data));
        }
        using var picture = TestFrames.Filled(200, 32, 48);
        client.SetReturnData(NetGearReturnData.FromFrame(picture, JpegOptions.Default));
        using var jpeg = server.Send(frame);
        Assert.Equal("ndarray", jpeg!.ReturnType);
        Assert.Equal([32, 48, 3], jpeg.Frame!.Shape);
        Assert.All(jpeg.Frame.Data.ToArray(), b => Assert.InRange(b, 195, 205)); // lossy, a flat colour stays close
        await cts.CancelAsync();
        await drain;
    }

    [Fact]
    public async Task A_throwing_callback_does_not_stop_the_client_and_the_set_data_is_returned_instead()
    {
        var ports = FreePorts.Take(1);
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = ports,
            BidirectionalMode = true,
            ReturnData = _ => throw new InvalidOperationException("application bug"),
        });
        client.SetReturnData(NetGearReturnData.FromValue(new[] { 1, 2 }));
        using var cts = new CancellationTokenSource(Timeout);
        var drain = DrainAsync(client, cts.Token);
        using var server = new NetGearServer(ServerOptions(ports[0]));
        using var frame = TestFrames.Filled(1);
        using var reply = server.Send(frame);
        Assert.Equal("list", reply!.ReturnType);
        Assert.Equal([1, 2], reply.GetData<int[]>()!);
        await cts.CancelAsync();
        await drain;
    }
}
