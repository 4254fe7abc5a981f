using System.Diagnostics;
using System.Net.Sockets;
using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.TestSupport;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// Issue 11 item 7: idle TCP connections beyond the client's descriptor limit do not end the client process (before the
/// native client shed such floods, the .NET runtime ended it with "Out of memory." about one run in three: it could not
/// open the files it needed; NetMQ 4.0.4.5 alone dies at once, an unhandled exception on its accept thread), a good
/// server on another port keeps streaming, and connections that never complete their ZeroMQ handshake are closed by
/// the client after its 10 s handshake timeout. NetMQ is tested listening on every interface, where its gate stands in
/// front of it (<c>NetMqGate</c>); the flood still comes through loopback.
/// </summary>
public class DescriptorTests(ITestOutputHelper output)
{
    [Theory(Timeout = 120_000)]
    [InlineData("native")]
    [InlineData("netmq")]
    public async Task IdleConnectionsPastTheDescriptorLimit_DoNotEndTheClient(string transport)
    {
        var ports = FreePorts.Take(2);
        int good = ports[0], flooded = ports[1];
        Peer? client = null, server = null;
        var flood = new List<TcpClient>();
        try
        {
            var listening = transport == "netmq" ? "--transport netmq --address 0.0.0.0" : "--transport native";
            client = Peer.Start($"--role client --ports {good},{flooded} {listening}", fileLimit: 256);
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            // A real server on each port: the flooded port's own server too, whose connection the shedding closes.
            server = Peer.Start($"--ports {good},{flooded} --pattern reqrep --fps 30");
            await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && PeerOutput.Count(l, good) >= 10 && PeerOutput.Count(l, flooded) >= 10, TimeSpan.FromSeconds(30));

            // 400 idle connections: more than the client can hold (256 descriptors in all).
            for (var i = 0; i < 400; i++)
            {
                var tcp = new TcpClient();
                flood.Add(tcp);
                try { await tcp.ConnectAsync("127.0.0.1", flooded).WaitAsync(TimeSpan.FromSeconds(5)); }
                catch (Exception ex) when (ex is SocketException or TimeoutException) { }
            }
            var before = PeerOutput.LastCount(client, good);
            var floodedBefore = PeerOutput.LastCount(client, flooded);
            await Task.Delay(3000);
            Assert.False(client.HasExited, "the client process ended:\n" + client.Tail());
            var after = PeerOutput.LastCount(client, good);
            var floodedAfter = PeerOutput.LastCount(client, flooded);
            // Closed by the client within 3 s: only the shedding does that (its handshake timeout is 10 s).
            var shed = flood.Count(PeerClose.ClosedByClient);
            output.WriteLine($"{transport}: with {flood.Count} idle connections to {flooded}: {shed} closed by the client (shed); in 3 s the good server's frames went on from {before} to {after}, the flooded port's own server's from {floodedBefore} to {floodedAfter}");
            Assert.True(client.Lines.Any(l => l.StartsWith("LOG") && l.Contains($"Port {flooded}: ") && l.Contains("file descriptors")),
                "the client did not report shedding the flood\n" + client.Tail());
            Assert.True(after > before + 10, $"the good server's frames stalled: {before} -> {after}\n{client.Tail()}");
            // The flooded port's own server lost its connection to the shedding: a Request/Reply server sends again after
            // its request timeout (4 s), reconnected; the client does not count it lost meanwhile.
            await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && PeerOutput.Count(l, flooded) > floodedBefore + 10, TimeSpan.FromSeconds(10));
            Assert.DoesNotContain(client.Lines, l => l.StartsWith("EVENT") && l.Contains($" {flooded} ") && l.EndsWith(" Lost"));

            foreach (var tcp in flood) tcp.Dispose();
            flood.Clear();
            await Task.Delay(1000);
            var later = PeerOutput.LastCount(client, good);
            await Task.Delay(1500);
            Assert.True(PeerOutput.LastCount(client, good) > later, "the good server stopped after the flood ended");

            Assert.False(client.HasExited);
        }
        finally
        {
            foreach (var tcp in flood) tcp.Dispose();
            server?.Dispose();
            client?.Dispose();
        }
    }

    [Theory(Timeout = 120_000)]
    [InlineData(TransportKind.Native, "127.0.0.1")]
    [InlineData(TransportKind.NetMq, "0.0.0.0")]
    public async Task StalledHandshakes_AreClosedByTheClientAfterItsHandshakeTimeout(TransportKind transport, string address)
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = address, Ports = [port], Transport = transport, AutoExit = false });
        var stalled = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var tcp = new TcpClient();
                stalled.Add(tcp);
                await tcp.ConnectAsync("127.0.0.1", port);
            }
            var opened = Stopwatch.StartNew();
            // Each connection sends nothing. libzmq sends its greeting, then waits for ours (NetMQ's gate sends nothing):
            // read until EOF.
            var closes = stalled.Select(async tcp =>
            {
                var stream = tcp.GetStream();
                var buffer = new byte[256];
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
                try
                {
                    while (await stream.ReadAsync(buffer, cts.Token) > 0) { }
                }
                catch (IOException) { /* reset counts as closed */ }
                return opened.Elapsed;
            }).ToArray();
            var times = await Task.WhenAll(closes);
            output.WriteLine($"{transport}: 50 stalled handshakes closed after {times.Min().TotalSeconds:0.0}-{times.Max().TotalSeconds:0.0} s");
            Assert.All(times, t => Assert.InRange(t.TotalSeconds, 8, 25));
            Assert.Equal(ServerState.Waiting, client.GetServer(port)!.State);
        }
        finally
        {
            foreach (var tcp in stalled) tcp.Dispose();
        }
    }
}
