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

    [Fact]
    public void A_port_whose_images_a_video_cannot_hold_stops_with_the_reason_and_no_parameter_name()
    {
        var notes = new List<string>();
        using var sink = new RecordingSink(_dir, notes.Add);
        using (var deep = Packet(5566, ElementType.UInt16, 48, 64, 3)) sink.Write(deep);
        using (var deep = Packet(5566, ElementType.UInt16, 48, 64, 3)) sink.Write(deep); // said once
        var note = Assert.Single(notes);
        Assert.StartsWith("recording of port 5566 stopped: Cannot record port 5566: its image has 3 channels of uint16;", note);
        Assert.DoesNotContain("(Parameter", note);
    }

    [Fact]
    public void A_file_that_cannot_be_opened_pauses_the_port_and_it_is_tried_again_after_RetryAfter()
    {
        var notes = new List<string>();
        var t0 = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        using var sink = new RecordingSink(_dir, notes.Add, segment: TimeSpan.FromSeconds(1));
        Write(sink, t0);
        Directory.Delete(_dir, recursive: true); // the folder moved away: the next file cannot be opened
        Write(sink, t0 + TimeSpan.FromSeconds(2)); // a new segment: its file fails
        Write(sink, t0 + TimeSpan.FromSeconds(3)); // paused: not tried
        Directory.CreateDirectory(_dir);
        Write(sink, t0 + TimeSpan.FromSeconds(5)); // still paused
        Assert.Empty(Directory.GetFiles(_dir));
        Write(sink, t0 + TimeSpan.FromSeconds(12)); // RetryAfter is over: recorded again

        Assert.Equal(2, notes.Count);
        Assert.StartsWith("recording of port 5566 paused: ", notes[0]);
        Assert.EndsWith("trying again every 10 s", notes[0]);
        Assert.Equal("recording of port 5566 resumed", notes[1]);
        Assert.Equal(["netgear-5566-20260301T080000Z.avi", "netgear-5566-20260301T080012Z.avi"], sink.Files.Select(Path.GetFileName));
        Assert.Single(Directory.GetFiles(_dir, "netgear-5566-20260301T080012Z.avi"));
    }

    private static void Write(RecordingSink sink, DateTimeOffset receivedAt)
    {
        var frame = Frame.Allocate(ElementType.UInt8, [48, 64, 3]);
        frame.Data.Fill(100);
        using var packet = NetGearPacket.Create(5566, frame, default, receivedAt, 1);
        sink.Write(packet);
    }
}
