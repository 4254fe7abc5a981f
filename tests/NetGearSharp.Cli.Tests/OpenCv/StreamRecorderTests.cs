using NetGearSharp.Cli.Viewing;
using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Tests.OpenCv;

/// <summary>
/// What <see cref="StreamRecorder"/> refuses: a frame no Motion-JPEG file can hold is refused before any file is made,
/// with an error naming the port, the channels and the element type; <c>--record</c> then reports that port stopped.
/// </summary>
public sealed class StreamRecorderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "netgear-recorder-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void An_8_bit_image_of_other_than_1_3_or_4_channels_is_refused_before_a_file_is_made(int channels)
    {
        using var recorder = new StreamRecorder(_dir);
        using var image = new Mat(48, 64, MatType.CV_8UC(channels)); // Scalar fills only up to 4 channels

        var error = Assert.Throws<ArgumentException>(() => recorder.Write(5566, image));

        Assert.Contains("port 5566", error.Message);
        Assert.Contains($"{channels} channels", error.Message);
        Assert.Contains("uint8", error.Message);
        Assert.Contains("1, 3 or 4 channels", error.Message);
        Assert.Empty(recorder.Files);
        Assert.False(File.Exists(recorder.PathFor(5566)), "a file was made for frames that cannot be written");
    }

    [Theory]
    [InlineData(MatType.CV_16U, "uint16")]
    [InlineData(MatType.CV_32F, "float32")]
    [InlineData(MatType.CV_8S, "int8")]
    public void An_image_of_another_element_type_is_refused_naming_the_type(int depth, string name)
    {
        using var recorder = new StreamRecorder(_dir);
        using var image = new Mat(48, 64, MatType.MakeType(depth, 3), Scalar.All(1));

        var error = Assert.Throws<ArgumentException>(() => recorder.Write(5567, image));

        Assert.Contains("port 5567", error.Message);
        Assert.Contains(name, error.Message);
        Assert.Contains("uint8", error.Message); // what is allowed
        Assert.DoesNotContain("depth", error.Message);
        Assert.False(File.Exists(recorder.PathFor(5567)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void An_8_bit_image_of_1_3_or_4_channels_is_recorded(int channels)
    {
        using (var recorder = new StreamRecorder(_dir))
        {
            using var image = new Mat(48, 64, MatType.CV_8UC(channels), Scalar.All(120));
            for (var i = 0; i < 3; i++) recorder.Write(5568, image);
        }
        using var video = new VideoCapture(Path.Combine(_dir, "netgear-5568.avi"));
        using var frame = new Mat();
        Assert.True(video.Read(frame) && !frame.Empty(), "the file holds no readable frame");
        Assert.Equal(new Size(64, 48), frame.Size());
    }

    [Fact]
    public void The_tool_says_the_recording_of_a_2_channel_port_stopped_and_records_the_others()
    {
        var notes = new List<string>();
        using (var sink = new RecordingSink(_dir, notes.Add))
        {
            for (var i = 1; i <= 3; i++)
            {
                using var twoChannel = Packet(5570, i, channels: 2);
                sink.Write(twoChannel);
                using var bgr = Packet(5571, i, channels: 3);
                sink.Write(bgr);
            }
        }

        var note = Assert.Single(notes);
        Assert.StartsWith("recording of port 5570 stopped: ", note);
        Assert.Contains("2 channels", note);
        Assert.False(File.Exists(Path.Combine(_dir, "netgear-5570.avi")));
        Assert.True(new FileInfo(Path.Combine(_dir, "netgear-5571.avi")).Length > 0);
    }

    private static NetGearPacket Packet(int port, long sequence, int channels)
    {
        var frame = Frame.Allocate(ElementType.UInt8, [48, 64, channels]);
        frame.Data.Fill(90);
        return NetGearPacket.Create(port, frame, default, DateTimeOffset.UtcNow, sequence);
    }
}
