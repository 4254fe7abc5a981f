using NetGearSharp.OpenCv;
using NetGearSharp.Web.Tests.Support;
using OpenCvSharp;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Web.Tests.Core;

/// <summary><see cref="NetGearClientOptions.KeepJpeg"/>: the JPEG bytes as they arrived, beside the decoded frame.</summary>
public sealed class KeepJpegTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(TransportKind.NetMq, true)]    // decoded on the receive thread
    [InlineData(TransportKind.Native, true)]   // decoded on the decode workers
    [InlineData(TransportKind.NetMq, false)]
    public async Task A_jpeg_packet_keeps_its_bytes_only_when_asked(TransportKind transport, bool keep)
    {
        var port = TestPorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = transport, KeepJpeg = keep, AutoExit = false });
        using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Transport = transport, Jpeg = JpegOptions.Default });
        using var source = new TestPatternSource(320, 240);
        using var mat = new Mat();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sending = Task.Run(() =>
        {
            for (var i = 0; i < 3 && source.Read(mat); i++)
            {
                using var frame = mat.ToFrame();
                server.Send(frame, null, cancel.Token);
            }
        });
        using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30), cancel.Token);
        Assert.NotNull(packet);
        Assert.Equal(240, packet.Frame.Height);
        if (keep)
        {
            Assert.True(packet.Jpeg.Length > 100);
            Assert.Equal(0xFF, packet.Jpeg.Span[0]);
            Assert.Equal(0xD8, packet.Jpeg.Span[1]); // SOI
            using var decoded = Pictures.Decode(packet.Jpeg.ToArray());
            Assert.Equal(new Size(320, 240), decoded.Size());
            using var received = packet.ToMat();
            Assert.True(Pictures.Difference(decoded, received) < 3, "the kept bytes are not the received frame");
        }
        else
        {
            Assert.True(packet.Jpeg.IsEmpty);
        }
        await sending;
    }

    [Fact(Timeout = 60_000)]
    public async Task A_raw_packet_has_no_jpeg_bytes()
    {
        var port = TestPorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], KeepJpeg = true, AutoExit = false });
        using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port });
        using var frame = Frame.Allocate(ElementType.UInt8, 48, 64, 3);
        var sending = Task.Run(() => server.Send(frame));
        using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(packet);
        Assert.True(packet.Jpeg.IsEmpty);
        await sending;
    }
}
