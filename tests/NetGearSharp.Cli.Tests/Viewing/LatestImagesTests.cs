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
}
