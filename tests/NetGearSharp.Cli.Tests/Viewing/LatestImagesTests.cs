using NetGearSharp.Cli.Viewing;
using NetGearSharp.OpenCv;

namespace NetGearSharp.Cli.Tests.Viewing;

/// <summary>
/// The montage's images: the receive loop's update never waits for a montage being drawn, and an image replaced while
/// it is drawn is disposed only once the drawing is done.
/// </summary>
public sealed class LatestImagesTests
{
    private static NetGearPacket Packet(int port, byte value)
    {
        var frame = Frame.Allocate(ElementType.UInt8, [48, 64, 3]);
        frame.Data.Fill(value);
        return NetGearPacket.Create(port, frame, default, DateTimeOffset.UtcNow, value);
    }

    private static NetGearPacket Array(int port, ElementType type, params int[] shape)
        => NetGearPacket.Create(port, Frame.Allocate(type, shape), default, DateTimeOffset.UtcNow, 1);

    private static ServerInfo Streaming(int port) => new()
    {
        Port = port, State = ServerState.Streaming, Frames = 1, Bytes = 1, FramesPerSecond = 1, BytesPerSecond = 1, Malformed = 0,
        Dropped = 0, FilteredOut = 0, Connections = 1, FirstSeen = DateTimeOffset.UtcNow, LastSeen = DateTimeOffset.UtcNow, LastMessage = null,
    };

    [Fact(Timeout = 30_000)]
    public async Task An_update_during_a_montage_does_not_wait_for_it_and_the_replaced_image_lives_until_it_is_drawn()
    {
        using var images = new LatestImages();
        using (var first = Packet(5566, 10)) images.Update(first);
        using var drawingStarted = new ManualResetEventSlim();
        using var finishDrawing = new ManualResetEventSlim();
        images.Drawing = () =>
        {
            drawingStarted.Set();
            finishDrawing.Wait(TimeSpan.FromSeconds(20));
        };
        var builder = new MontageBuilder(64, 48);
        var montage = Task.Run(() => images.BuildMontage(builder, [Streaming(5566)]));
        Assert.True(drawingStarted.Wait(TimeSpan.FromSeconds(10)));

        // The receive loop's update while the montage draws: at once, not after the drawing.
        var update = Task.Run(() =>
        {
            using var second = Packet(5566, 200);
            images.Update(second);
        });
        await update.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(montage.IsCompleted);

        finishDrawing.Set();
        using var drawn = await montage.WaitAsync(TimeSpan.FromSeconds(10));
        // The montage shows the image it started with (the replaced one, still alive while drawn).
        Assert.Equal(10, drawn.At<OpenCvSharp.Vec3b>(drawn.Rows / 2, drawn.Cols / 2).Item0);
        images.Drawing = null;
        using var next = images.BuildMontage(builder, [Streaming(5566)]);
        Assert.Equal(200, next.At<OpenCvSharp.Vec3b>(next.Rows / 2, next.Cols / 2).Item0);
    }

    [Theory]
    [InlineData(ElementType.Float32, new[] { 4 }, "5566  float32 [4]")]
    [InlineData(ElementType.UInt8, new[] { 0, 4, 3 }, "5566  uint8 [0, 4, 3]")]
    [InlineData(ElementType.Int64, new int[0], "5566  int64 []")]
    public void A_server_sending_arrays_that_are_not_images_gets_a_tile_that_says_so(ElementType type, int[] shape, string label)
    {
        using var images = new LatestImages();
        using (var array = Array(5566, type, shape)) images.Update(array);
        var builder = new MontageBuilder(64, 48);
        using var montage = images.BuildMontage(builder, [Streaming(5566)]);
        using var expected = builder.Build([new MontageTile(5566, null, 1, ServerState.Streaming) { Caption = label, PlaceholderText = "NOT AN IMAGE" }]);
        Assert.Equal(0, OpenCvSharp.Cv2.Norm(montage, expected, OpenCvSharp.NormTypes.INF));
    }

    [Theory]
    [InlineData(ServerState.Lost)]
    [InlineData(ServerState.Terminated)]
    [InlineData(ServerState.Stale)]
    public void A_server_that_sent_arrays_and_is_gone_or_stale_has_its_state_across_its_tile(ServerState state)
    {
        using var images = new LatestImages();
        using (var array = Array(5566, ElementType.Float32, 4)) images.Update(array);
        var builder = new MontageBuilder(64, 48);
        using var montage = images.BuildMontage(builder, [Streaming(5566) with { State = state }]);
        using var expected = builder.Build([new MontageTile(5566, null, 1, state) { Caption = "5566  float32 [4]" }]);
        Assert.Equal(0, OpenCvSharp.Cv2.Norm(montage, expected, OpenCvSharp.NormTypes.INF));
    }

    [Fact]
    public void An_array_that_is_not_an_image_leaves_the_last_image_in_place()
    {
        using var images = new LatestImages();
        using (var image = Packet(5566, 90)) images.Update(image);
        using (var array = Array(5566, ElementType.Float32, 4)) images.Update(array);
        using (var empty = Array(5566, ElementType.UInt8, 0, 4, 3)) images.Update(empty);
        using var montage = images.BuildMontage(new MontageBuilder(64, 48), [Streaming(5566)]);
        Assert.Equal(90, montage.At<OpenCvSharp.Vec3b>(montage.Rows / 2, montage.Cols / 2).Item0);
    }
}
