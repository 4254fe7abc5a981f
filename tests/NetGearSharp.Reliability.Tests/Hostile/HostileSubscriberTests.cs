using System.Net;
using System.Net.Sockets;
using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.TestSupport;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// A Publish/Subscribe server's peer is its client: whatever listens at the client's address. A publisher's XPUB keeps
/// every message its subscriber sends that is not a subscription (an XSUB may send anything) in a queue with no limit
/// until the publisher reads it, so the server reads them away before each frame. Here the "client" is a raw ZMTP
/// XSUB that subscribes, then writes 375 MiB of 32 KiB messages in 2-3 s while it reads the server's frames (a peer
/// process, its resident memory watched). Written as fast as loopback takes them (1.2 GB/s) they can still pile up
/// for a while: libzmq moves them into the XPUB's queue whenever the publisher's socket is used (a send waiting for
/// room too), and the publisher reads them only between its frames.
/// </summary>
public class HostileSubscriberTests(ITestOutputHelper output)
{
    private const int Messages = 12_000;
    private const int MessageBytes = 32 * 1024;
    /// <summary>Messages written at once, 20 ms apart (about 150 MB/s).</summary>
    private const int Batch = 100;

    [Theory(Timeout = 180_000)]
    [InlineData("native")]
    [InlineData("netmq")]
    public async Task A_subscriber_that_sends_without_end_neither_grows_the_publisher_nor_stops_its_frames(string transport)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        Peer? server = null;
        TcpClient? tcp = null;
        Task? reading = null;
        try
        {
            server = Peer.Start($"--role server --ports {port} --pattern pubsub --frames forever --fps 200 --size 16 --transport {transport}");
            tcp = await listener.AcceptTcpClientAsync(cancel.Token);
            var stream = tcp.GetStream();
            await RawZmtp.HandshakeAsync(stream, "XSUB");
            await stream.WriteAsync(RawZmtp.Message([1]), cancel.Token); // subscribes to everything, as a client does
            long received = 0;
            reading = Task.Run(async () =>
            {
                var buffer = new byte[65536];
                try
                {
                    int n;
                    while ((n = await stream.ReadAsync(buffer, cancel.Token)) > 0) Interlocked.Add(ref received, n);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException) { }
            });
            Assert.True(SpinWait.SpinUntil(() => Interlocked.Read(ref received) > 10_000, TimeSpan.FromSeconds(30)), "no frames from the server:\n" + server.Tail());

            var startMb = PeerOutput.ResidentMegabytes(server.Id);
            long peakMb;
            await using (var peak = new ResidentPeak(server.Id))
            {
                var junk = new byte[MessageBytes];
                junk[0] = 2; // neither a subscription (1) nor a cancel (0)
                var message = RawZmtp.Message(junk);
                for (var i = 0; i < Messages; i++)
                {
                    await stream.WriteAsync(message, cancel.Token);
                    if (i % Batch == Batch - 1) await Task.Delay(20, cancel.Token);
                }
                await Task.Delay(1000);
                peakMb = await peak.StopAsync();
            }
            var before = Interlocked.Read(ref received);
            await Task.Delay(2000);
            var after = Interlocked.Read(ref received) - before;
            output.WriteLine($"{transport}: {Messages} messages of {MessageBytes / 1024} KiB written; server resident {startMb} MB before, {peakMb} MB at most; {after} bytes of frames in the 2 s after");

            Assert.False(server.HasExited, "the server process ended:\n" + server.Tail());
            Assert.True(peakMb - startMb < 100, $"the server grew from {startMb} MB to {peakMb} MB ({Messages * (long)MessageBytes >> 20} MiB written)");
            Assert.True(after > 50_000, $"the server's frames stopped: {after} bytes in 2 s after the flood");
        }
        finally
        {
            await cancel.CancelAsync();
            tcp?.Dispose();
            if (reading is not null) await reading;
            server?.Dispose();
            listener.Stop();
        }
    }
}
