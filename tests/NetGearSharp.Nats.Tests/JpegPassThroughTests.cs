using System.Collections.Concurrent;
using NATS.Client.Core;
using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>
/// A camera that sends JPEG: the forwarder publishes the very bytes the camera sent (never decoded and encoded again),
/// and the worker hands over the decoded frame (within JPEG's error, in the camera's colour space) and, if asked, the
/// JPEG itself.
/// </summary>
public sealed class JpegPassThroughTests
{
    private const int Frames = 12;
    private const int Height = 96, Width = 128;
    private const int CameraQuality = 60;

    [Theory(Timeout = 120_000)]
    [InlineData(JpegColorSpace.Bgr)]
    [InlineData(JpegColorSpace.Rgb)]
    [InlineData(JpegColorSpace.Gray)]
    public async Task CamerasJpegGoesOverNatsAsItCameAndTheWorkerDecodesIt(JpegColorSpace space)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync();
        var port = FreePorts.One();
        var prefix = "jpegpt" + Guid.NewGuid().ToString("N")[..8];
        int[] shape = space == JpegColorSpace.Gray ? [Height, Width] : [Height, Width, 3];

        // A tap on the subject: exactly what the forwarder published.
        await using var tapConnection = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
        await using var tap = await tapConnection.SubscribeCoreAsync<byte[]>(prefix + ".*", cancellationToken: timeout.Token);
        await tapConnection.PingAsync(timeout.Token);
        var published = new ConcurrentDictionary<long, (byte[] Data, string? Encoding, string? Space)>();
        var tapping = Task.Run(async () =>
        {
            await foreach (var msg in tap.Msgs.ReadAllAsync(timeout.Token))
            {
                var seq = long.Parse(msg.Headers!["Ngs-Seq"].ToString());
                published[seq] = (msg.Data ?? [], msg.Headers["Ngs-Encoding"].ToString(), msg.Headers.TryGetValue("Ngs-Colorspace", out var cs) ? cs.ToString() : null);
            }
        });

        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix, KeepJpeg = true }, timeout.Token);
        var received = new List<(long Sequence, byte[] Pixels, int[] Shape, byte[] Jpeg, JpegColorSpace? Space)>();
        var reading = Task.Run(async () =>
        {
            await foreach (var packet in worker.ReadAllAsync(timeout.Token))
            {
                using (packet) received.Add((packet.Sequence, packet.Frame.Data.ToArray(), packet.Frame.Shape.ToArray(), packet.Jpeg.ToArray(), packet.JpegColorSpace));
            }
        });

        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], WaitForAllServers = true, QueueCapacity = 1000, KeepJpeg = true,
        });
        // The hop's own compression is on with another quality: a frame encoded again would not be the camera's bytes.
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000, Compression = NatsHopCompression.Jpeg, JpegQuality = 95,
        }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);

        var sent = new List<byte[]>();
        await Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromSeconds(10),
                Jpeg = JpegOptions.Default with { Quality = CameraQuality, ColorSpace = space },
            });
            for (var n = 0; n < Frames; n++)
            {
                using var frame = Frame.Allocate(ElementType.UInt8, shape);
                Paint(frame.Data, shape, n);
                sent.Add(frame.Data.ToArray());
                server.Send(frame, new Cameras.Stamp(port, n), timeout.Token);
            }
        }, timeout.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var stats = await forwarding;
        await reading;
        Assert.Equal(NatsSourceEndReason.AllServersGone, await worker.Completion);
        Assert.Equal(Frames, stats.Published);
        Assert.Equal(Frames, stats.JpegPassedThrough);
        while (published.Count < Frames && !timeout.IsCancellationRequested) await Task.Delay(20, timeout.Token);

        Assert.Equal(Enumerable.Range(1, Frames).Select(i => (long)i), received.Select(r => r.Sequence));
        var wireName = space.ToString().ToUpperInvariant();
        for (var n = 0; n < Frames; n++)
        {
            // The camera's bytes: the same pixels through libturbojpeg with the server's settings.
            var cameraJpeg = ReferenceJpeg.Encode(sent[n], Height, Width, space, CameraQuality);
            var (data, encoding, colourSpace) = published[n + 1];
            Assert.Equal("jpeg", encoding);
            Assert.Equal(wireName, colourSpace);
            Assert.True(cameraJpeg.AsSpan().SequenceEqual(data), $"frame {n + 1}: published {data.Length} bytes differ from the camera's {cameraJpeg.Length}");

            var packet = received[n];
            Assert.True(cameraJpeg.AsSpan().SequenceEqual(packet.Jpeg), $"frame {n + 1}: the worker's Jpeg differs from the camera's");
            Assert.Equal(space, packet.Space);
            Assert.Equal(shape, packet.Shape);
            // Decoded in the camera's colour space, within JPEG's error (swapped channels would be off by ~100).
            var (mean, max) = Difference(sent[n], packet.Pixels);
            Assert.True(mean < 4 && max < 48, $"frame {n + 1}: mean difference {mean:0.00}, max {max}");
        }

        await tapConnection.DisposeAsync();
        await tapping.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact(Timeout = 120_000)]
    public async Task WithoutKeepJpegTheDecodedFrameIsForwardedRawAndNothingClaimsToBeTheCamerasJpeg()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync();
        var port = FreePorts.One();
        var prefix = "jpegraw" + Guid.NewGuid().ToString("N")[..8];
        int[] shape = [Height, Width, 3];
        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix, KeepJpeg = true }, timeout.Token);
        var received = new List<(int Length, bool HasJpeg, JpegColorSpace? Space)>();
        var reading = Task.Run(async () =>
        {
            await foreach (var packet in worker.ReadAllAsync(timeout.Token))
            {
                using (packet) received.Add((packet.Frame.Length, !packet.Jpeg.IsEmpty, packet.JpegColorSpace));
            }
        });
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], WaitForAllServers = true, QueueCapacity = 1000 });
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions { Urls = [nats.Url], Prefix = prefix, BufferCapacity = 1000 }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        await Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromSeconds(10), Jpeg = JpegOptions.Default with { Quality = CameraQuality },
            });
            for (var n = 0; n < Frames; n++)
            {
                using var frame = Frame.Allocate(ElementType.UInt8, shape);
                Paint(frame.Data, shape, n);
                server.Send(frame, new Cameras.Stamp(port, n), timeout.Token);
            }
        }, timeout.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var stats = await forwarding;
        await reading;
        Assert.Equal(Frames, stats.Published);
        Assert.Equal(0, stats.JpegPassedThrough);
        Assert.Equal(Frames, received.Count);
        // Raw bytes of the decoded frame: no JPEG on the worker's packets.
        Assert.All(received, r => Assert.Equal((Height * Width * 3, false, (JpegColorSpace?)null), r));
    }

    [Fact]
    public void APacketCarriesTheJpegItWasDecodedFromOnlyWithItsColourSpace()
    {
        byte[] jpeg = [0xFF, 0xD8, 1, 2, 3];
        using var packet = NetGearPacket.Create(5566, Frame.Allocate(ElementType.UInt8, 2, 2), [], DateTimeOffset.UtcNow, 1, null, jpeg, JpegColorSpace.Rgb);
        Assert.Equal(jpeg, packet.Jpeg.ToArray());
        Assert.Equal(JpegColorSpace.Rgb, packet.JpegColorSpace);
        jpeg[0] = 0; // copied
        Assert.Equal(0xFF, packet.Jpeg.Span[0]);

        using var frame = Frame.Allocate(ElementType.UInt8, 2, 2);
        var error = Assert.Throws<ArgumentException>(() => NetGearPacket.Create(5566, frame, [], DateTimeOffset.UtcNow, 1, null, jpeg, null));
        Assert.Contains("without their colour space", error.Message);
        using var plain = NetGearPacket.Create(5566, Frame.Allocate(ElementType.UInt8, 2, 2), [], DateTimeOffset.UtcNow, 1);
        Assert.True(plain.Jpeg.IsEmpty);
        Assert.Null(plain.JpegColorSpace);
    }

    /// <summary>Smooth gradients (JPEG-friendly) with distinct channels, moving with n.</summary>
    private static void Paint(Span<byte> data, int[] shape, int n)
    {
        var channels = shape.Length == 3 ? shape[2] : 1;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = (y * Width + x) * channels;
                data[i] = (byte)(40 + x + n);
                if (channels == 3)
                {
                    data[i + 1] = (byte)(30 + y + n);
                    data[i + 2] = (byte)(220 - (x / 2) - n);
                }
            }
        }
    }

    private static (double Mean, int Max) Difference(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        var max = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs(a[i] - b[i]);
            sum += d;
            max = Math.Max(max, d);
        }
        return ((double)sum / a.Length, max);
    }
}
