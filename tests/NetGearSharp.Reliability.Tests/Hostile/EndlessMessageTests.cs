using System.Buffers.Binary;
using System.Net.Sockets;
using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.TestSupport;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// Issue 11 item 6: one message of 21 parts of 90 MiB (each under the frame cap, 1.9 GB in
/// all) from a raw ZMTP peer. libzmq holds a multipart message until its last part has arrived, so before the client
/// capped what a connection may send without completing a message, the client process grew to 1.9 GB. Now the
/// connection is closed at the header of the second part, which takes the message past one frame's worth, before any of
/// that part is held: the client's memory grows by one part at most, the drop is counted as
/// <see cref="MalformedKind.MessageTooLarge"/>, and a good server on another port goes on. The native transport counts
/// the parts as libzmq reads them (<c>WireHooks</c>); NetMQ, listening on a network address, as they pass its gate
/// (<c>NetMqGate</c>).
/// </summary>
public class EndlessMessageTests(ITestOutputHelper output)
{
    private const int Parts = 21;
    private const long PartBytes = 90L * 1024 * 1024;

    [Theory(Timeout = 120_000)]
    [InlineData("reqrep", "DEALER", "native")]
    [InlineData("pubsub", "PUB", "native")]
    [InlineData("reqrep", "DEALER", "netmq")]
    [InlineData("pubsub", "PUB", "netmq")]
    public async Task A_message_of_parts_that_never_end_is_cut_off_and_a_good_server_goes_on(string pattern, string socketType, string transport)
    {
        var ports = FreePorts.Take(2);
        int good = ports[0], attacked = ports[1];
        Peer? client = null, server = null;
        try
        {
            client = Peer.Start($"--role client --ports {good},{attacked} {Listening(transport)} --pattern {pattern}", environment: Unhooked(transport));
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            server = Peer.Start($"--ports {good} --pattern {pattern} --fps 30");
            await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && PeerOutput.Count(l, good) >= 10, TimeSpan.FromSeconds(30));
            var startMb = PeerOutput.ResidentMegabytes(client.Id);

            await using var peak = new ResidentPeak(client.Id);
            var sent = await SendEndlessMessageAsync(attacked, socketType);
            await Task.Delay(1000);
            var peakMb = await peak.StopAsync();

            output.WriteLine($"{pattern}, {transport}: the client closed the connection after {sent / (1024 * 1024)} MiB of {Parts * PartBytes / (1024 * 1024)} MiB; client resident {startMb} MB before, {peakMb} MB at most");
            Assert.False(client.HasExited, "the client process ended:\n" + client.Tail());
            Assert.True(sent < 2 * PartBytes, $"the client took {sent} bytes of a message that never ended: more than its first part");
            Assert.True(peakMb - startMb < 300, $"the client grew from {startMb} MB to {peakMb} MB");
            await client.WaitForLineAsync(l => l.StartsWith("LOG") && l.Contains("(MessageTooLarge)") && l.Contains($"from {attacked}"), TimeSpan.FromSeconds(10));

            var before = PeerOutput.LastCount(client, good);
            await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && PeerOutput.Count(l, good) > before + 10, TimeSpan.FromSeconds(10));
        }
        finally
        {
            server?.Dispose();
            client?.Dispose();
        }
    }

    /// <summary>
    /// Many connections to one port, each sending one part of 90 MiB of a message it never completes: each stays under
    /// the limit of one connection, so together they held 8 x 90 MiB before the port's connections were capped together
    /// (two messages' worth); now the ones whose message began first are closed.
    /// </summary>
    [Theory(Timeout = 120_000)]
    [InlineData("native")]
    [InlineData("netmq")]
    public async Task Many_connections_each_under_the_limit_are_capped_together(string transport)
    {
        const int connections = 8;
        var ports = FreePorts.Take(2);
        int good = ports[0], attacked = ports[1];
        Peer? client = null, server = null;
        var peers = new List<TcpClient>();
        try
        {
            client = Peer.Start($"--role client --ports {good},{attacked} {Listening(transport)} --pattern reqrep");
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            server = Peer.Start($"--ports {good} --pattern reqrep --fps 30");
            await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && PeerOutput.Count(l, good) >= 10, TimeSpan.FromSeconds(30));
            var startMb = PeerOutput.ResidentMegabytes(client.Id);
            await using var peak = new ResidentPeak(client.Id);
            var chunk = new byte[1024 * 1024];
            for (var c = 0; c < connections; c++)
            {
                var tcp = new TcpClient();
                peers.Add(tcp);
                var stream = await RawZmtp.HandshakeAsync(tcp, attacked, "DEALER");
                var header = new byte[9];
                header[0] = 0x03; // long frame, more: the message goes on, but nothing more is sent
                BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(1), PartBytes);
                try
                {
                    await stream.WriteAsync(header);
                    for (long left = PartBytes; left > 0; left -= chunk.Length) await stream.WriteAsync(chunk);
                }
                catch (IOException)
                {
                    // Closed by the client already.
                }
            }
            await Task.Delay(1500);
            var peakMb = await peak.StopAsync();
            var closed = peers.Count(PeerClose.ClosedByClient);
            output.WriteLine($"{transport}: {connections} connections of one unfinished 90 MiB message each: {closed} closed by the client; client resident {startMb} MB before, {peakMb} MB at most");
            Assert.False(client.HasExited, "the client process ended:\n" + client.Tail());
            Assert.True(closed >= connections - 3, $"only {closed} of {connections} connections were closed");
            Assert.True(peakMb - startMb < 450, $"the client grew from {startMb} MB to {peakMb} MB");
            await client.WaitForLineAsync(l => l.StartsWith("LOG") && l.Contains("(MessageTooLarge)") && l.Contains("the connections of one port held"), TimeSpan.FromSeconds(10));
            var before = PeerOutput.LastCount(client, good);
            await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && PeerOutput.Count(l, good) > before + 10, TimeSpan.FromSeconds(10));
        }
        finally
        {
            foreach (var tcp in peers) tcp.Dispose();
            server?.Dispose();
            client?.Dispose();
        }
    }

    /// <summary>
    /// A message of empty parts: 2 bytes each on the wire, 64 bytes each in libzmq, so the byte cap alone would let 100 MiB
    /// of them hold 3 GB (40 M parts held 2.6 GB). The client closes the connection at the 17th part, before libzmq
    /// holds it (native: <c>WireHooks</c>; NetMQ: its gate). Where the native hooks are off, the client closes it once
    /// the C heap has grown 96 MiB more than its connections received (it grew by about 150 MB).
    /// </summary>
    [Theory(Timeout = 120_000)]
    [InlineData("reqrep", "DEALER", "native", "more than 16 parts")]
    [InlineData("pubsub", "PUB", "native", "more than 16 parts")]
    [InlineData("reqrep", "DEALER", "native-unhooked", "many small parts")]
    [InlineData("reqrep", "DEALER", "netmq", "more than 16 parts")]
    [InlineData("pubsub", "PUB", "netmq", "more than 16 parts")]
    public async Task A_message_of_endless_empty_parts_is_cut_off(string pattern, string socketType, string transport, string why)
    {
        const long most = 40L * 1024 * 1024;
        // Counted part by part, nothing of the message is held; by the C heap's growth, up to its slack and more.
        var grownMb = transport == "native-unhooked" ? 400 : 100;
        var port = FreePorts.One();
        Peer? client = null;
        try
        {
            client = Peer.Start($"--role client --ports {port} {Listening(transport)} --pattern {pattern}", environment: Unhooked(transport));
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            var startMb = PeerOutput.ResidentMegabytes(client.Id);
            await using var peak = new ResidentPeak(client.Id);
            var sent = await SendEmptyPartsAsync(port, socketType, most);
            await Task.Delay(500);
            var peakMb = await peak.StopAsync();
            output.WriteLine($"{pattern}, {transport}: the client closed the connection after {sent / (1024 * 1024)} M empty parts; client resident {startMb} MB before, {peakMb} MB at most");
            Assert.False(client.HasExited, "the client process ended:\n" + client.Tail());
            Assert.True(sent < most, "the client took 40 M empty parts without closing the connection");
            Assert.True(peakMb - startMb < grownMb, $"the client grew from {startMb} MB to {peakMb} MB");
            await client.WaitForLineAsync(l => l.StartsWith("LOG") && l.Contains("(MessageTooLarge)") && l.Contains(why), TimeSpan.FromSeconds(10));
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>
    /// The other side of the cap: a real server sending the largest valid frames (8K RGB, 99.5 MB) as fast as they go
    /// is never taken for such a peer, on either pattern (a subscriber may drop frames, never the connection).
    /// </summary>
    [Theory(Timeout = 180_000)]
    [InlineData("reqrep", NetGearPattern.ReqRep, "native")]
    [InlineData("pubsub", NetGearPattern.PubSub, "native")]
    [InlineData("reqrep", NetGearPattern.ReqRep, "netmq")]
    public async Task The_largest_valid_frames_as_fast_as_they_go_are_never_cut_off(string pattern, NetGearPattern kind, string transport)
    {
        const int frames = 12;
        var port = FreePorts.One();
        Peer? client = null;
        try
        {
            client = Peer.Start($"--role client --ports {port} {Listening(transport)} --pattern {pattern}");
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            await Task.Factory.StartNew(() =>
            {
                using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Pattern = kind, Transport = TransportKind.Native });
                using var frame = Frame.Allocate(ElementType.UInt8, 4320, 7680, 3);
                for (var n = 0; n < frames; n++)
                {
                    frame.Data[0] = (byte)n;
                    server.Send(frame, new { n });
                }
            }, TaskCreationOptions.LongRunning);
            if (kind == NetGearPattern.ReqRep)
                await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && PeerOutput.Count(l, port) == frames, TimeSpan.FromSeconds(60));
            else
                await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && PeerOutput.Count(l, port) > 0, TimeSpan.FromSeconds(30));
            await Task.Delay(500);
            output.WriteLine($"{pattern}, {transport}: {PeerOutput.LastCount(client, port)} of {frames} frames of 99.5 MB received");
            Assert.DoesNotContain(client.Lines, l => l.Contains("MessageTooLarge"));
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>
    /// The client's transport and address: NetMQ listens on every interface, where its gate stands in front of it (on
    /// loopback NetMQ listens itself and nothing is capped); the attacker still connects through loopback.
    /// </summary>
    private static string Listening(string transport) => transport == "netmq" ? "--transport netmq --address 0.0.0.0" : "--transport native";

    /// <summary>"native-unhooked": the native transport with its <c>WireHooks</c> turned off (the C heap's rule caps then).</summary>
    internal static Dictionary<string, string>? Unhooked(string transport) =>
        transport == "native-unhooked" ? new() { ["NETGEARSHARP_WIRE_HOOKS"] = "0" } : null;

    /// <summary>A raw ZMTP 3.1 peer: handshake, then part after part of 90 MiB until the client closes the connection; returns the bytes sent.</summary>
    private static async Task<long> SendEndlessMessageAsync(int port, string socketType)
    {
        using var tcp = new TcpClient();
        var stream = await RawZmtp.HandshakeAsync(tcp, port, socketType);
        var chunk = new byte[1024 * 1024];
        long sent = 0;
        try
        {
            for (var part = 0; part < Parts; part++)
            {
                var header = new byte[9];
                header[0] = (byte)(0x02 | (part < Parts - 1 ? 0x01 : 0)); // long frame, more (but the last)
                BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(1), PartBytes);
                await stream.WriteAsync(header);
                for (long left = PartBytes; left > 0; left -= chunk.Length)
                {
                    await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(left, chunk.Length)));
                    sent += Math.Min(left, chunk.Length);
                }
            }
        }
        catch (IOException)
        {
            // Closed by the client.
        }
        return sent;
    }

    /// <summary>Empty parts (2 bytes each on the wire, "more" set) until the client closes the connection or <paramref name="most"/> are sent; returns how many.</summary>
    private static async Task<long> SendEmptyPartsAsync(int port, string socketType, long most)
    {
        using var tcp = new TcpClient();
        var stream = await RawZmtp.HandshakeAsync(tcp, port, socketType);
        var block = new byte[2 * 1024 * 1024];
        for (var i = 0; i < block.Length; i += 2) block[i] = 0x01; // flags "more", size 0
        long sent = 0;
        try
        {
            while (sent < most)
            {
                await stream.WriteAsync(block);
                sent += block.Length / 2;
            }
        }
        catch (IOException)
        {
            // Closed by the client.
        }
        return sent;
    }
}
