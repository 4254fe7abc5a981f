using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.TestSupport;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// Issue 11 item 8: valid 99 MB frames (8K RGB, the largest allowed) one after another. The client process gives the
/// memory back once idle, on both transports (NetMQ had kept 3.7 GB).
/// </summary>
public class LargeFrameMemoryTests(ITestOutputHelper output)
{
    private const int Frames = 16;

    [Theory(Timeout = 180_000)]
    [InlineData("netmq")]
    [InlineData("native")]
    public async Task NinetyNineMegabyteFrames_MemoryIsReturnedWhenIdle(string transport)
    {
        var port = FreePorts.One();
        Peer? client = null;
        try
        {
            client = Peer.Start($"--role client --ports {port} --transport {transport}");
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            long peak = 0;
            await Task.Factory.StartNew(() =>
            {
                using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Transport = TransportKind.Native });
                using var frame = Frame.Allocate(ElementType.UInt8, 4320, 7680, 3);
                for (var n = 0; n < Frames; n++)
                {
                    frame.Data[0] = (byte)n;
                    server.Send(frame, new { n });
                    peak = Math.Max(peak, PeerOutput.ResidentMegabytes(client.Id));
                }
            }, TaskCreationOptions.LongRunning);
            await client.WaitForLineAsync(l => l.StartsWith("FRAMES") && l.Contains($"{port}={Frames}"), TimeSpan.FromSeconds(60));
            await Task.Delay(6000);
            var idle = PeerOutput.ResidentMegabytes(client.Id);
            output.WriteLine($"{transport}: {Frames} frames of 99.5 MB received; client resident {peak} MB at most while sending, {idle} MB after 6 s idle");
            Assert.True(idle < 600, $"the {transport} client kept {idle} MB after 6 s idle (peak {peak} MB)");
        }
        finally
        {
            client?.Dispose();
        }
    }
}
