using System.Diagnostics;
using System.Globalization;
using NetGearSharp.Protocol;
using NetGearSharp.Tests.Support;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// A client that ends on a server's goodbye closes that server's connection only after the server has: closing first
/// raced the answer to the goodbye, which a loaded server then missed (and waited a fifth of its request timeout).
/// </summary>
public class GoodbyeAnswerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 30_000)]
    public async Task The_client_keeps_a_goodbye_servers_connection_until_that_server_closes_it_bounded()
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = TransportKind.Native });
        // A raw socket speaking as a NetGearSharp server does (a DEALER framed as a REQ, with ZMQ_IMMEDIATE), that
        // reports its connection's close, and that does not close after its goodbye.
        using var server = NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Dealer) { Immediate = true, Monitor = true });
        server.Connect($"tcp://127.0.0.1:{port}");
        var writer = new HeaderWriter(port.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default);
        Send(server, writer.WriteFrame(null, ElementType.UInt8, [2, 2], null).ToArray(), [1, 2, 3, 4]);
        Assert.True(Replies.IsFrameAck(Answer(server)));
        using (var packet = await client.ReceiveAsync(Wait)) Assert.NotNull(packet);

        Send(server, writer.WriteTerminate().ToArray(), null);
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(Wait));
        var ended = Stopwatch.StartNew();
        // The client has ended, but leaves the connection open while this server has not closed it (it waits up to
        // 0.5 s from its end; 100 ms here leave room for a late look at a loaded machine: closing at once shows at once)...
        while (ended.ElapsedMilliseconds < 100)
        {
            Assert.False(Disconnected(server), $"the client closed the connection {ended.ElapsedMilliseconds} ms after it ended");
            await Task.Delay(10);
        }
        var answer = Answer(server);
        Assert.True(answer.AsSpan().SequenceEqual(Replies.TerminateSingle) || answer.AsSpan().SequenceEqual(Replies.TerminateMulti),
            System.Text.Encoding.UTF8.GetString(answer));
        // ...for a while only: a server that never closes does not keep it for ever.
        while (!Disconnected(server) && ended.Elapsed < Wait) await Task.Delay(10);
        Assert.True(ended.Elapsed < TimeSpan.FromSeconds(5), $"the client kept the connection {ended.Elapsed} after it ended");
    }

    private static bool Disconnected(ITransportSocket socket)
    {
        var closed = false;
        while (socket.TryGetEvent(out var ev)) closed |= ev.Kind == TransportEventKind.Disconnected;
        return closed;
    }

    private static void Send(ITransportSocket socket, byte[] header, byte[]? payload)
    {
        Assert.True(socket.TrySend([], more: true, Wait));
        Assert.True(socket.TrySend(header, more: payload is not null, Wait));
        if (payload is not null) Assert.True(socket.TrySend(payload, more: false, Wait));
    }

    /// <summary>The text of the client's answer (after the REQ delimiter); fails when none comes.</summary>
    private static byte[] Answer(ITransportSocket socket)
    {
        Assert.True(socket.TryReceive(TimeSpan.FromSeconds(2), out var part, out var more), "the client's answer should come");
        Assert.Empty(part.ToArray());
        Assert.True(more);
        Assert.True(socket.TryReceive(Wait, out part, out more));
        Assert.False(more);
        return part.ToArray();
    }
}
