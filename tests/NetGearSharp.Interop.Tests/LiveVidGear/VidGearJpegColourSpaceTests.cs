using System.Globalization;
using NetGearSharp.Interop.Tests.Support;

namespace NetGearSharp.Interop.Tests.LiveVidGear;

/// <summary>
/// A real VidGear 0.3.5 server compressing in one of the 4-channel colour spaces its <c>jpeg_compression</c> accepts
/// besides BGRA and the like (XRGB here): every frame reaches our client, decoded into 4 channels in that layout.
/// Our client dropped every such frame before (the colour space was unknown).
/// </summary>
public class VidGearJpegColourSpaceTests
{
    [Fact(Timeout = 120_000)]
    public async Task Frames_of_a_VidGear_server_compressing_in_XRGB_reach_our_client()
    {
        var port = FreePorts.Take(1)[0];
        int[] shape = [48, 64, 4];
        const int frames = 5;
        using var go = new GoFile();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Pattern = NetGearPattern.ReqRep, QueueCapacity = 100,
        });
        using var servers = new ProcessGroup();
        // Every channel of a pixel is the same value: the test's simplejpeg stand-in (OpenCV) compresses 4 channels as
        // BGRA whatever the colour space (real simplejpeg honours it), so only grey pixels come back the same either way.
        var server = servers.Add(PythonPeer.Start("vidgear_server.py", TimeSpan.FromSeconds(100),
            "--pattern", "1", "--port", port.ToString(CultureInfo.InvariantCulture), "--frames", frames.ToString(CultureInfo.InvariantCulture),
            "--shape", string.Join(',', shape), "--jpeg-colorspace", "XRGB", "--same-channels", "1",
            "--go-file", go.Path, "--timeout", "90"));
        await server.WaitForEventAsync("ready", TimeSpan.FromSeconds(60));
        await go.GoAsync();

        var problems = new List<string>();
        var n = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var packet in client.ReadAllAsync(cts.Token))
        {
            using (packet)
            {
                Assert.Equal(JpegColorSpace.Xrgb, packet.JpegColorSpace);
                Assert.Equal(shape, packet.Frame.Shape);
                Assert.Equal(ElementType.UInt8, packet.Frame.ElementType);
                // What was sent, one channel of it, against each of red, green and blue (bytes 1-3); byte 0 is unused (255).
                using var sent = TestFrames.Make(port, n, ElementType.UInt8, smooth: true, shape[0], shape[1], 1);
                var pixels = packet.Frame.Data;
                for (var c = 1; c < 4; c++)
                {
                    var channel = new byte[sent.Length];
                    for (var i = 0; i < channel.Length; i++) channel[i] = pixels[(i * 4) + c];
                    var diff = TestFrames.MeanAbsDiff(channel, sent.Data);
                    if (diff > TestFrames.JpegMeanAbsDiffBound) problems.Add($"frame {n} channel {c}: mean abs diff {diff:0.00}");
                }
                for (var i = 0; i < pixels.Length; i += 4)
                {
                    if (pixels[i] != 255) { problems.Add($"frame {n}: unused byte {pixels[i]} at {i}"); break; }
                }
                n++;
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(frames, n);
        Assert.Equal(0, client.GetServer(port)!.Malformed);
        Assert.Equal(ServerState.Terminated, client.GetServer(port)!.State);
    }
}
