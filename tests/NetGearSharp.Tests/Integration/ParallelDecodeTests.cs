using System.Text.Json;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>JPEG frames decoded on worker threads (<see cref="NetGearClientOptions.JpegDecodeThreads"/>): every frame, right, in order.</summary>
public class ParallelDecodeTests
{
    public static TheoryData<TransportKind, int> Cases => new()
    {
        { TransportKind.Native, 3 }, // decode workers
        { TransportKind.Native, 1 }, // on the receive thread
        { TransportKind.NetMq, 3 }, // NetMQ cannot wake the receive thread: decodes there whatever the option
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task FramesOfManyServersArriveDecodedAndInOrder(TransportKind transport, int decodeThreads)
    {
        const int servers = 4, frames = 40;
        var ports = FreePorts.Take(servers);
        var originals = Enumerable.Range(0, frames).Select(Pattern).ToArray();
        try
        {
            await using var client = new NetGearClient(ServerFleet.ClientOptions(ports, NetGearPattern.ReqRep, transport) with
            {
                JpegDecodeThreads = decodeThreads,
            });
            var sending = ServerFleet.Run(ports,
                i => ServerFleet.Options(ports[i], NetGearPattern.ReqRep, transport) with { Jpeg = JpegOptions.Default with { Quality = 95 } },
                (i, server) =>
                {
                    for (var n = 0; n < frames; n++) server.Send(originals[n], new { server = i, n });
                });

            var next = new int[servers];
            for (var received = 0; received < servers * frames; received++)
            {
                using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(20));
                Assert.NotNull(packet);
                using var message = JsonDocument.Parse(packet!.MessageUtf8);
                var server = message.RootElement.GetProperty("server").GetInt32();
                var n = message.RootElement.GetProperty("n").GetInt32();
                Assert.Equal(next[server], n); // no frame of a server overtakes an earlier one
                next[server]++;
                Assert.Equal(originals[n].Shape, packet.Frame.Shape);
                var meanError = packet.Frame.Data.ToArray().Zip(originals[n].Data.ToArray(), (a, b) => Math.Abs(a - b)).Average();
                Assert.True(meanError < 6, $"server {server} frame {n}: mean absolute error {meanError:0.00}");
            }
            await sending;
            Assert.All(next, count => Assert.Equal(frames, count));
            Assert.Equal(0, client.Statistics.Malformed);
        }
        finally
        {
            foreach (var frame in originals) frame.Dispose();
        }
    }

    [Fact]
    public void DecodeThreadsOutsideTheRangeAreRejectedWithTheRange()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NetGearClient(new NetGearClientOptions { Ports = [FreePorts.One()], JpegDecodeThreads = 65 }));
        Assert.Contains("JpegDecodeThreads 65", ex.Message);
        Assert.Contains("0-64", ex.Message);
    }

    /// <summary>A smooth 96x128 BGR picture that differs per frame (JPEG keeps it within a few levels).</summary>
    private static Frame Pattern(int n)
    {
        var frame = Frame.Allocate(ElementType.UInt8, 96, 128, 3);
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++)
        {
            var pixel = i / 3;
            data[i] = (byte)(((pixel % 128) * 2 + (pixel / 128) * 3 + (i % 3) * 50 + n * 5) % 256);
        }
        return frame;
    }
}
