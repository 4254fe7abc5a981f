using System.Text;
using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.TestSupport;
using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// A header over the 1 MiB a client reads (a message of 2 MB from a sender without our server's check, VidGear's has
/// none) is dropped as <see cref="MalformedKind.HeaderTooLarge"/> and answered, and counted on the port it arrived on,
/// where the native transport can tell: before, a header too large to read named no port and was counted on none
/// (<see cref="ClientStatistics.MalformedUnknown"/>), so no server's figures showed it.
/// </summary>
public class OversizedHeaderTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_header_too_large_to_read_is_answered_and_counted_on_the_port_it_arrived_on()
    {
        var ports = FreePorts.Take(2);
        int target = ports[0], other = ports[1];
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = ports, Transport = TransportKind.Native, AutoExit = false,
        });
        var answered = await Task.Factory.StartNew(() =>
        {
            using var socket = new DealerSocket();
            socket.Options.Linger = TimeSpan.Zero;
            socket.Connect($"tcp://127.0.0.1:{target}");
            var message = new string('y', 2_000_000);
            var header = Encoding.UTF8.GetBytes($"{{\"port\": \"{target}\", \"terminate_flag\": false, \"compression\": false, \"message\": \"{message}\", \"pattern\": \"0\", \"dtype\": \"uint8\", \"shape\": [4, 4, 3]}}");
            socket.SendMoreFrameEmpty().SendMoreFrame(header).SendFrame(new byte[48]);
            var answer = new List<byte[]>();
            return socket.TryReceiveMultipartBytes(TimeSpan.FromSeconds(20), ref answer!) && answer.Count > 0;
        }, TaskCreationOptions.LongRunning);
        Assert.True(answered, "the sender of the oversized header got no answer: a REQ peer would wait for ever");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (client.Statistics.MalformedByKind.GetValueOrDefault(MalformedKind.HeaderTooLarge) == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var stats = client.Statistics;
        Assert.Equal(1, stats.MalformedByKind.GetValueOrDefault(MalformedKind.HeaderTooLarge));
        Assert.Equal(1, client.GetServer(target)!.Malformed);
        Assert.Equal(0, client.GetServer(other)!.Malformed);
        Assert.Equal(0, stats.MalformedUnknown);
    }
}
