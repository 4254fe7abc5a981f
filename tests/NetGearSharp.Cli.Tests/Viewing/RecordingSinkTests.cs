using NetGearSharp.Cli.Viewing;

namespace NetGearSharp.Cli.Tests.Viewing;

/// <summary>
/// <c>--record</c>: frames that are not images (a 1-D array, an empty one) are skipped, said once per port, and the
/// port's video goes on with the images around them.
/// </summary>
public sealed class RecordingSinkTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "netgear-sink-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static NetGearPacket Packet(int port, ElementType type, params int[] shape)
    {
        var frame = Frame.Allocate(type, shape);
        frame.Data.Fill(100);
        return NetGearPacket.Create(port, frame, default, DateTimeOffset.UtcNow, 1);
    }

    [Fact]
    public void Arrays_that_are_not_images_are_skipped_and_the_video_goes_on()
    {
        var notes = new List<string>();
        using (var sink = new RecordingSink(_dir, notes.Add))
        {
            using (var scores = Packet(5566, ElementType.Float32, 4)) sink.Write(scores);
            using (var image = Packet(5566, ElementType.UInt8, 48, 64, 3)) sink.Write(image);
            using (var empty = Packet(5566, ElementType.UInt8, 0, 64, 3)) sink.Write(empty);
            using (var image = Packet(5566, ElementType.UInt8, 48, 64, 3)) sink.Write(image);
            var note = Assert.Single(notes);
            Assert.Equal("recording of port 5566 skips its frames that are not images (this one: float32 [4])", note);
            Assert.Single(sink.Files);
        }
        var file = Assert.Single(Directory.GetFiles(_dir));
        using var video = new OpenCvSharp.VideoCapture(file);
        Assert.Equal(2, (int)video.Get(OpenCvSharp.VideoCaptureProperties.FrameCount));
    }
}
