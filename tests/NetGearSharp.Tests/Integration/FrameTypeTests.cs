using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>Frames of every element type and rank (empty ones too) cross the wire exactly; JPEG frames decode close to the original.</summary>
public class FrameTypeTests
{
    public static IEnumerable<object[]> Types =>
        from type in Enum.GetValues<ElementType>()
        from transport in TestTransports.Kinds
        select new object[] { type, transport };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Types))]
    public async Task EveryElementTypeAndRankRoundTrips(ElementType type, TransportKind transport)
    {
        // Images, and the other arrays NumPy has and VidGear sends: 1-D (small, and large enough to be taken over from
        // the transport), 0-D (one value) and empty ones.
        int[][] shapes = [[5, 7], [3, 4, 2], [2, 3, 2, 2], [1, 6], [4], [70_000], [], [0, 4, 3], [0]];
        var frames = shapes.Select(shape =>
        {
            var frame = Frame.Allocate(type, shape);
            var data = frame.Data;
            for (var i = 0; i < data.Length; i++) data[i] = type == ElementType.Bool ? (byte)(i % 2) : (byte)(i * 13 + 1);
            return frame;
        }).ToList();
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, transport));
        var sending = ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, transport), (_, server) =>
        {
            foreach (var frame in frames) server.Send(frame);
        });
        var i = 0;
        await foreach (var packet in client.ReadAllAsync(new CancellationTokenSource(20_000).Token))
        {
            using (packet)
            {
                Assert.Equal(type, packet.Frame.ElementType);
                Assert.Equal(frames[i].Shape, packet.Frame.Shape);
                Assert.Equal(frames[i].Data.ToArray(), packet.Frame.Data.ToArray());
                i++;
            }
        }
        await sending;
        Assert.Equal(frames.Count, i);
        foreach (var frame in frames) frame.Dispose();
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task ArraysThatAreNotImagesCrossPublishSubscribeToo(TransportKind transport)
    {
        // An empty payload part and a tiny one, between images, on the pattern that answers nothing.
        int[][] shapes = [[2, 3], [0, 4, 3], [3], [], [0], [2, 3]];
        var frames = shapes.Select((shape, n) =>
        {
            var frame = Frame.Allocate(ElementType.Float32, shape);
            frame.AsSpan<float>().Fill(n);
            return frame;
        }).ToList();
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.PubSub, transport) with { QueueCapacity = 16 });
        var sending = ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.PubSub, transport), (_, server) =>
        {
            foreach (var frame in frames)
            {
                server.Send(frame);
                Thread.Sleep(20); // a publisher drops what it cannot queue (NetMQ's queue holds 2 frames): paced, as cameras are
            }
        });
        var received = new List<string>();
        await foreach (var packet in client.ReadAllAsync(new CancellationTokenSource(20_000).Token))
        {
            using (packet) received.Add($"[{string.Join(", ", packet.Frame.Shape)}] {string.Join(",", packet.Frame.AsSpan<float>().ToArray())}");
        }
        await sending;
        Assert.Equal(frames.Select((f, n) => $"[{string.Join(", ", f.Shape)}] {string.Join(",", Enumerable.Repeat((float)n, f.Length / 4))}"), received);
        Assert.Equal(0, client.GetServer(port)!.Malformed);
        foreach (var frame in frames) frame.Dispose();
    }

    [Fact(Timeout = 30_000)]
    public async Task NonContiguousFramesAreMadeContiguous()
    {
        // A 4x4x3 view taking every other column of a 4x8x3 array, as NumPy's a[:, ::2] would be.
        var source = Enumerable.Range(0, 4 * 8 * 3).Select(i => (byte)i).ToArray();
        using var view = Frame.FromStrided(source, 0, ElementType.UInt8, [4, 4, 3], [8 * 3, 2 * 3, 1]);
        var expected = new List<byte>();
        for (var r = 0; r < 4; r++)
        for (var c = 0; c < 8; c += 2)
        for (var ch = 0; ch < 3; ch++) expected.Add(source[r * 24 + c * 3 + ch]);
        Assert.Equal(expected, view.Data.ToArray());

        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, TransportKind.NetMq));
        var sending = ServerFleet.Run([port], _ => ServerFleet.Options(port, NetGearPattern.ReqRep, TransportKind.NetMq), (_, server) => server.Send(view));
        using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(expected, packet!.Frame.Data.ToArray());
        await sending;
    }

    public static IEnumerable<object[]> JpegCases() =>
    [
        [JpegColorSpace.Bgr, new[] { 48, 64, 3 }],
        [JpegColorSpace.Rgb, new[] { 48, 64, 3 }],
        [JpegColorSpace.Gray, new[] { 48, 64 }],
        [JpegColorSpace.Bgra, new[] { 48, 64, 4 }],
    ];

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(JpegCases))]
    public async Task JpegFramesDecodeIntoTheSendersColourSpace(JpegColorSpace space, int[] shape)
    {
        using var frame = Frame.Allocate(ElementType.UInt8, shape);
        var data = frame.Data;
        var channels = shape.Length == 3 ? shape[2] : 1;
        for (var i = 0; i < data.Length; i++)
        {
            var pixel = i / channels;
            data[i] = (byte)(((pixel % shape[1]) * 3 + (pixel / shape[1]) * 2 + (i % channels) * 40) % 256);
            if (space == JpegColorSpace.Bgra && i % 4 == 3) data[i] = 255;
        }
        var port = FreePorts.One();
        await using var client = new NetGearClient(ServerFleet.ClientOptions([port], NetGearPattern.ReqRep, TransportKind.NetMq));
        var sending = ServerFleet.Run([port],
            _ => ServerFleet.Options(port, NetGearPattern.ReqRep, TransportKind.NetMq) with { Jpeg = JpegOptions.Default with { ColorSpace = space, Quality = 95 } },
            (_, server) => server.Send(frame, "jpeg"));
        using var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        await sending;
        Assert.NotNull(packet);
        Assert.Equal(shape, packet!.Frame.Shape);
        var got = packet.Frame.Data.ToArray();
        var meanError = got.Zip(frame.Data.ToArray(), (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 6, $"mean absolute error {meanError:0.00}");
        Assert.True(packet.Frame.Length < frame.Length * 2);
    }

    [Fact]
    public void JpegRejectsFramesItCannotCompress()
    {
        var port = FreePorts.One();
        using var server = new NetGearServer(ServerFleet.Options(port, NetGearPattern.PubSub, TransportKind.NetMq) with { Jpeg = JpegOptions.Default });
        using var floats = Frame.Allocate(ElementType.Float32, 4, 4, 3);
        var ex = Assert.Throws<ArgumentException>(() => server.Send(floats));
        Assert.Contains("float32", ex.Message);
        using var gray = Frame.Allocate(ElementType.UInt8, 4, 4);
        ex = Assert.Throws<ArgumentException>(() => server.Send(gray));
        Assert.Contains("BGR", ex.Message);
    }
}
