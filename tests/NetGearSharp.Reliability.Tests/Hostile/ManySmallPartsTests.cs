using System.Net.Sockets;
using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.TestSupport;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// Issue 11 item 6, spread out: 100 connections to one port, each sending 256 K empty parts of a message it never
/// completes (512 KiB on the wire, 16 MiB in libzmq). Each stays far under the byte cap, but together they would hold
/// 1.6 GB. The native client counts each message's parts as libzmq reads them (<c>WireHooks</c>) and closes each
/// connection at its 17th part, before libzmq holds it. With the hooks turned off, the client closes every connection
/// that has been in the middle of a message for a while once the C heap has grown 96 MiB more than all of them
/// received, and counts what the connections it closed held when it measures the next ones.
/// </summary>
public class ManySmallPartsTests(ITestOutputHelper output)
{
    private const int Connections = 100;
    private const int PartsEach = 256 * 1024;

    [Theory(Timeout = 180_000)]
    [InlineData("native", Connections, 100, "more than 16 parts")]
    [InlineData("native-unhooked", Connections * 85 / 100, 900, "many small parts")]
    public async Task Many_connections_each_holding_some_small_parts_are_closed_together(string transport, int leastClosed, int mostGrownMb, string why)
    {
        var port = FreePorts.One();
        Peer? client = null;
        var peers = new List<TcpClient>();
        try
        {
            client = Peer.Start($"--role client --ports {port} --transport native --pattern reqrep", environment: EndlessMessageTests.Unhooked(transport));
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            var startMb = PeerOutput.ResidentMegabytes(client.Id);
            await using var peak = new ResidentPeak(client.Id);
            var sent = new List<TcpClient>();
            var parts = new byte[2 * PartsEach];
            for (var i = 0; i < parts.Length; i += 2) parts[i] = 0x01; // flags "more", size 0
            var closed = 0;
            for (var i = 0; i < Connections; i++)
            {
                var tcp = new TcpClient();
                peers.Add(tcp);
                try
                {
                    var stream = await RawZmtp.HandshakeAsync(tcp, port, "DEALER");
                    await stream.WriteAsync(parts);
                    sent.Add(tcp);
                }
                catch (IOException)
                {
                    closed++; // closed by the client while it sent
                }
            }
            await Task.Delay(1500);
            closed += sent.Count(PeerClose.ClosedByClient);
            var peakMb = await peak.StopAsync();
            output.WriteLine($"{transport}: {Connections} connections of {PartsEach / 1024} K empty parts each: {closed} closed by the client; client resident {startMb} MB before, {peakMb} MB at most");
            Assert.False(client.HasExited, "the client process ended:\n" + client.Tail());
            Assert.True(closed >= leastClosed, $"only {closed} of {Connections} connections were closed");
            Assert.True(peakMb - startMb < mostGrownMb, $"the client grew from {startMb} MB to {peakMb} MB");
            await client.WaitForLineAsync(l => l.StartsWith("LOG") && l.Contains("(MessageTooLarge)") && l.Contains(why), TimeSpan.FromSeconds(10));
        }
        finally
        {
            foreach (var tcp in peers) tcp.Dispose();
            client?.Dispose();
        }
    }
}
