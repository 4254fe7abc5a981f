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
        Assert.Null(recorder.PathFor(5566));
        Assert.Empty(Directory.GetFiles(_dir)); // no file was made for frames that cannot be written
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
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void An_8_bit_image_of_1_3_or_4_channels_is_recorded(int channels)
    {
        string path;
        using (var recorder = new StreamRecorder(_dir))
        {
            using var image = new Mat(48, 64, MatType.CV_8UC(channels), Scalar.All(120));
            for (var i = 0; i < 3; i++) recorder.Write(5568, image);
            path = Assert.Single(recorder.Files);
        }
        using var video = new VideoCapture(path);
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
        Assert.Empty(Directory.GetFiles(_dir, "netgear-5570-*"));
        Assert.True(new FileInfo(Assert.Single(Directory.GetFiles(_dir, "netgear-5571-*.avi"))).Length > 0);
    }

    [Fact]
    public void A_segment_length_starts_a_new_file_at_the_first_frame_after_it_and_finishes_the_one_before()
    {
        var time = new ManualTimeProvider(); // 2026-01-02 00:00:00 UTC
        using var small = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(60));
        using var large = new Mat(60, 80, MatType.CV_8UC3, Scalar.All(200));
        string first, second;
        using (var recorder = new StreamRecorder(_dir, segmentLength: TimeSpan.FromMinutes(1), timeProvider: time))
        {
            for (var i = 0; i < 12; i++, time.Advance(TimeSpan.FromSeconds(5))) recorder.Write(5566, small); // 0 to 55 s: the first minute
            time.Advance(TimeSpan.FromSeconds(1));
            recorder.Write(5566, large); // 61 s: the next segment, of the size of its own first frame
            recorder.Write(5566, large);

            Assert.Equal(
                [Path.Combine(_dir, "netgear-5566-20260102T000000Z.avi"), Path.Combine(_dir, "netgear-5566-20260102T000101Z.avi")],
                recorder.Files);
            first = recorder.Files.First();
            second = recorder.PathFor(5566)!;
            Assert.Equal(recorder.Files.Last(), second);
            // The first file was finished when the second started: readable while the recording goes on.
            AssertVideo(first, frames: 12, new Size(64, 48));
        }
        AssertVideo(second, frames: 2, new Size(80, 60));
    }

    [Fact]
    public void Each_port_starts_its_segments_at_its_own_first_frame()
    {
        var time = new ManualTimeProvider();
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(60));
        using var recorder = new StreamRecorder(_dir, segmentLength: TimeSpan.FromMinutes(1), timeProvider: time);
        for (var t = 0; t <= 61; t++, time.Advance(TimeSpan.FromSeconds(1)))
        {
            recorder.Write(5566, image); // at 60 s, a minute into its file: a new one
            if (t >= 30) recorder.Write(5567, image); // at 61 s, 31 s into its file: the same
        }

        Assert.Equal(["netgear-5566-20260102T000000Z.avi", "netgear-5567-20260102T000030Z.avi", "netgear-5566-20260102T000100Z.avi"],
            recorder.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void A_pause_in_a_ports_frames_starts_a_new_file_so_neither_plays_slowed_down()
    {
        var time = new ManualTimeProvider();
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(60));
        string before, after;
        using (var recorder = new StreamRecorder(_dir, timeProvider: time))
        {
            for (var i = 0; i < 11; i++, time.Advance(TimeSpan.FromMilliseconds(100))) recorder.Write(5566, image);
            time.Advance(TimeSpan.FromSeconds(9)); // 9.1 s without a frame: under GapLength, the same file
            recorder.Write(5566, image);
            time.Advance(TimeSpan.FromSeconds(30)); // a server gone for 30 s
            for (var i = 0; i < 6; i++, time.Advance(TimeSpan.FromMilliseconds(200))) recorder.Write(5566, image);
            Assert.Equal(2, recorder.Files.Count);
            (before, after) = (recorder.Files.First(), recorder.Files.Last());
        }
        Assert.Equal(11.0 / 10.1, FramesPerSecond(before), 3); // 12 frames over 10.1 s
        Assert.Equal(5, FramesPerSecond(after), 3);
        AssertVideo(before, frames: 12, new Size(64, 48));
        AssertVideo(after, frames: 6, new Size(64, 48));
    }

    [Fact]
    public void A_port_gone_quiet_has_its_file_finished_and_its_next_frame_starts_another()
    {
        var time = new ManualTimeProvider();
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(60));
        using var recorder = new StreamRecorder(_dir, timeProvider: time);
        for (var i = 0; i < 3; i++, time.Advance(TimeSpan.FromSeconds(5))) recorder.Write(5567, image); // a slow camera: at 0, 5, 10 s
        for (var i = 0; i < 11; i++, time.Advance(TimeSpan.FromMilliseconds(100))) recorder.Write(5566, image); // 10 frames/s, 15 to 16 s

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, recorder.FinishQuiet()); // 25.1 s: 5566 quiet for 9.1 s, 5567 for 15.1 s: under their pauses (10 s, 50 s)
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, recorder.FinishQuiet()); // 27.1 s: 5566 quiet for 11.1 s; 5567 for 17.1 s, under its 50 s

        var finished = recorder.Files.Last();
        Assert.Null(recorder.PathFor(5566));
        Assert.NotNull(recorder.PathFor(5567));
        Assert.Equal(10, FramesPerSecond(finished), 3); // finished: its index and rate written while the recording goes on
        AssertVideo(finished, frames: 11, new Size(64, 48));
        recorder.Write(5566, image);
        Assert.Equal(3, recorder.Files.Count);
    }

    [Fact]
    public void A_file_that_reaches_the_size_limit_is_finished_and_the_next_frame_starts_another()
    {
        using var noise = new Mat(120, 160, MatType.CV_8UC3);
        Cv2.Randu(noise, Scalar.All(0), Scalar.All(255)); // compresses badly: tens of KB a frame
        string[] files;
        using (var recorder = new StreamRecorder(_dir) { FileBytesLimit = 200_000 })
        {
            for (var i = 0; i < 96; i++) recorder.Write(5566, noise);
            files = recorder.Files.ToArray();
        }
        Assert.InRange(files.Length, 2, 96);
        Assert.Equal(96, files.Sum(file => CountFrames(file)));
        Assert.All(files.SkipLast(1), file => Assert.InRange(new FileInfo(file).Length, 200_000, 200_000 + 17 * 60_000)); // checked every 16 frames
    }

    [Fact]
    public void Frames_written_with_their_arrival_times_are_named_cut_and_timed_by_them()
    {
        // A replay (NATS JetStream) delivers hours of frames in moments: the recorder goes by the times they arrived.
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(60));
        using (var recorder = new StreamRecorder(_dir, segmentLength: TimeSpan.FromMinutes(1)))
        {
            for (var i = 0; i < 900; i++) recorder.Write(5566, image, start + TimeSpan.FromMilliseconds(100 * i)); // 90 s at 10 frames/s
            Assert.Equal(["netgear-5566-20260301T080000Z.avi", "netgear-5566-20260301T080100Z.avi"], recorder.Files.Select(Path.GetFileName));
        }
        var files = Directory.GetFiles(_dir).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(10, FramesPerSecond(files[0]), 3);
        Assert.Equal(10, FramesPerSecond(files[1]), 3);
        Assert.Equal([600, 300], files.Select(file => CountFrames(file)));
    }

    [Fact]
    public void A_second_recording_in_the_same_folder_never_overwrites_the_first()
    {
        var time = new ManualTimeProvider(); // both start in the same second
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(60));
        string first, second;
        using (var recorder = new StreamRecorder(_dir, timeProvider: time))
        {
            for (var i = 0; i < 3; i++) recorder.Write(5566, image);
            first = Assert.Single(recorder.Files);
        }
        using (var again = new StreamRecorder(_dir, timeProvider: time))
        {
            again.Write(5566, image);
            second = Assert.Single(again.Files);
        }

        Assert.Equal(Path.Combine(_dir, "netgear-5566-20260102T000000Z.avi"), first);
        Assert.Equal(Path.Combine(_dir, "netgear-5566-20260102T000000Z_02.avi"), second);
        Assert.Equal([first, second], new[] { second, first }.Order(StringComparer.Ordinal)); // by name, in the order they started
        AssertVideo(first, frames: 3, new Size(64, 48));
        AssertVideo(second, frames: 1, new Size(64, 48));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(-5000)]
    public void A_segment_shorter_than_a_second_is_refused_naming_it(int milliseconds)
    {
        var length = TimeSpan.FromMilliseconds(milliseconds);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StreamRecorder(_dir, segmentLength: length));
        Assert.Equal("segmentLength", error.ParamName);
        Assert.Contains($"segment length of {length}", error.Message);
        Assert.Contains("at least 1 s", error.Message);
    }

    [Fact]
    public void Each_file_gets_the_rate_its_frames_came_at_so_it_plays_at_the_cameras_speed()
    {
        var time = new ManualTimeProvider();
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(60));
        string tenPerSecond, fourPerSecond;
        using (var recorder = new StreamRecorder(_dir, segmentLength: TimeSpan.FromSeconds(5), timeProvider: time))
        {
            for (var i = 0; i < 11; i++, time.Advance(TimeSpan.FromMilliseconds(100))) recorder.Write(5566, image); // 1 s
            time.Advance(TimeSpan.FromSeconds(5));
            for (var i = 0; i < 9; i++, time.Advance(TimeSpan.FromMilliseconds(250))) recorder.Write(5566, image); // the next file, 2 s
            tenPerSecond = recorder.Files.First();
            // Finished when the next one started: its rate is set already.
            Assert.Equal(10, FramesPerSecond(tenPerSecond), 3);
            fourPerSecond = recorder.PathFor(5566)!;
        }
        Assert.Equal(4, FramesPerSecond(fourPerSecond), 3);
        AssertVideo(tenPerSecond, frames: 11, new Size(64, 48));
        AssertVideo(fourPerSecond, frames: 9, new Size(64, 48));
    }

    [Fact]
    public void A_rate_given_is_every_files_rate_and_a_file_of_one_frame_keeps_the_default()
    {
        var time = new ManualTimeProvider();
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(60));
        using (var given = new StreamRecorder(Path.Combine(_dir, "given"), framesPerSecond: 25, timeProvider: time))
        using (var measured = new StreamRecorder(Path.Combine(_dir, "measured"), timeProvider: time))
        {
            for (var i = 0; i < 5; i++, time.Advance(TimeSpan.FromMilliseconds(100))) given.Write(5566, image);
            measured.Write(5566, image);
        }
        Assert.Equal(25, FramesPerSecond(Assert.Single(Directory.GetFiles(Path.Combine(_dir, "given")))), 3);
        Assert.Equal(StreamRecorder.DefaultFramesPerSecond, FramesPerSecond(Assert.Single(Directory.GetFiles(Path.Combine(_dir, "measured")))), 3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(1001)]
    public void A_rate_out_of_range_is_refused_naming_it(double fps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StreamRecorder(_dir, framesPerSecond: fps));
        Assert.Equal("framesPerSecond", error.ParamName);
        Assert.Contains($"{fps} frames per second is not allowed", error.Message);
        Assert.Contains("at most 1000", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_avi_is_left_as_it_is()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "not-a-video.avi");
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(path, bytes);
        Assert.False(AviFrameRate.Set(path, 10));
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    internal static int CountFrames(string path) => FrameSizes(path).Count;

    internal static double FramesPerSecond(string path)
    {
        using var video = new VideoCapture(path);
        Assert.True(video.IsOpened(), $"{path} cannot be read");
        return video.Get(VideoCaptureProperties.Fps);
    }

    internal static void AssertVideo(string path, int frames, Size size)
    {
        var sizes = FrameSizes(path);
        Assert.All(sizes, frame => Assert.Equal(size, frame));
        Assert.Equal(frames, sizes.Count);
    }

    /// <summary>The size of every frame the file holds, read back with OpenCV.</summary>
    private static List<Size> FrameSizes(string path)
    {
        using var video = new VideoCapture(path);
        Assert.True(video.IsOpened(), $"{path} cannot be read");
        using var frame = new Mat();
        var sizes = new List<Size>();
        while (video.Read(frame) && !frame.Empty()) sizes.Add(frame.Size());
        return sizes;
    }

    private static NetGearPacket Packet(int port, long sequence, int channels)
    {
        var frame = Frame.Allocate(ElementType.UInt8, [48, 64, channels]);
        frame.Data.Fill(90);
        return NetGearPacket.Create(port, frame, default, DateTimeOffset.UtcNow, sequence);
    }
}
