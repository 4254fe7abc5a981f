using System.Buffers.Binary;
using System.Text;
using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Tests.OpenCv;

/// <summary>
/// <see cref="StreamRecorder.FinishUnfinished"/>: a recording whose process was killed (or whose machine lost power)
/// has no index, no frame count and sizes of <c>0xFFFFFFFF</c>, and its last frame may be cut short; the next recorder
/// in the folder finishes it (whole frames, index, count, a rate from its name's start time to its last write), and
/// leaves alone what another recorder is writing and what is finished already. The files here are the recorder's own,
/// put back into the state OpenCV's writer leaves on disk before it is closed.
/// </summary>
public sealed class StreamRecorderRepairTests : IDisposable
{
    private static readonly Size FrameSize = new(64, 48);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "netgear-repair-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_file_left_unfinished_gets_its_whole_frames_index_count_and_rate()
    {
        var path = Record(frames: 10);
        Unfinish(path, cutLastFrame: true);
        using (var video = new VideoCapture(path)) Assert.Equal(0, (int)video.Get(VideoCaptureProperties.FrameCount)); // as left: no count
        // The name says 2026-01-02T00:00:00Z; 9 whole frames written until 0.8 s later: 10 frames/s.
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc).AddSeconds(0.8));

        using var next = new StreamRecorder(_dir);
        var finished = Assert.Single(next.FinishUnfinished());

        Assert.Equal((path, 9), finished);
        StreamRecorderTests.AssertVideo(path, frames: 9, FrameSize);
        using (var video = new VideoCapture(path)) Assert.Equal(9, (int)video.Get(VideoCaptureProperties.FrameCount));
        Assert.Equal(10, StreamRecorderTests.FramesPerSecond(path), precision: 2);
        Assert.Empty(next.FinishUnfinished()); // finished once: the next look leaves it
    }

    [Fact]
    public void A_file_another_recorder_is_writing_and_a_finished_one_are_left_alone()
    {
        var finishedPath = Record(frames: 4);
        File.SetLastWriteTimeUtc(finishedPath, DateTime.UtcNow.AddMinutes(-5)); // quiet long enough to be looked at
        var finishedBytes = File.ReadAllBytes(finishedPath);
        using var image = new Mat(FrameSize, MatType.CV_8UC3, Scalar.All(90));
        using var writing = new StreamRecorder(_dir);
        for (var i = 0; i < 5; i++) writing.Write(5567, image);
        var open = writing.PathFor(5567)!;
        // What keeps another recorder out: the writer's lock on its open file.
        Assert.Throws<IOException>(() => new FileStream(open, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());

        using (var other = new StreamRecorder(_dir)) Assert.Empty(other.FinishUnfinished());
        Assert.Empty(writing.FinishUnfinished()); // its own open file too

        writing.Dispose();
        StreamRecorderTests.AssertVideo(open, frames: 5, FrameSize);
        Assert.Equal(finishedBytes, File.ReadAllBytes(finishedPath));
    }

    [Fact]
    public void A_file_written_in_the_last_seconds_is_left_for_a_later_look()
    {
        // A writer that takes no lock (another program, an older netgear) could still be writing it.
        var path = Record(frames: 10);
        Unfinish(path, cutLastFrame: false);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(-2));
        var left = File.ReadAllBytes(path);
        using var next = new StreamRecorder(_dir);
        Assert.Empty(next.FinishUnfinished());
        Assert.Equal(left, File.ReadAllBytes(path));

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - StreamRecorder.UnfinishedQuietFor - TimeSpan.FromSeconds(1));
        Assert.Equal((path, 10), Assert.Single(next.FinishUnfinished()));
    }

    [Fact]
    public void A_file_that_is_not_an_AVI_is_left_as_it_is()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "netgear-5566-20260102T000000Z.avi");
        var bytes = Encoding.Latin1.GetBytes("RIFF\xff\xff\xff\xffAVI LIST not a video at all");
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));
        using var recorder = new StreamRecorder(_dir);
        Assert.Empty(recorder.FinishUnfinished());
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    /// <summary>A finished recording of <paramref name="frames"/> frames of port 5566 starting at 2026-01-02T00:00:00Z, 10 a second.</summary>
    private string Record(int frames)
    {
        var time = new NetGearSharp.TestSupport.ManualTimeProvider(); // 2026-01-02 00:00:00 UTC
        using var image = new Mat(FrameSize, MatType.CV_8UC3);
        using var recorder = new StreamRecorder(_dir, timeProvider: time);
        for (var i = 0; i < frames; i++, time.Advance(TimeSpan.FromMilliseconds(100)))
        {
            image.SetTo(Scalar.All(20 * i)); // frames differ: their JPEG sizes differ
            recorder.Write(5566, image);
        }
        return Assert.Single(recorder.Files);
    }

    /// <summary>
    /// Puts a finished file back as OpenCV's writer leaves it on disk before closing: no index, no frame counts, the
    /// RIFF and <c>movi</c> sizes <c>0xFFFFFFFF</c>; with <paramref name="cutLastFrame"/> the last frame cut short too.
    /// </summary>
    private static void Unfinish(string path, bool cutLastFrame)
    {
        var bytes = File.ReadAllBytes(path);
        var index = IndexOf(bytes, "idx1");
        var movi = IndexOf(bytes, "movi") - 8;
        var end = index;
        if (cutLastFrame)
        {
            var last = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(index + 8 + 16 * (CountEntries(bytes, index) - 1) + 8));
            end = (int)(movi + 8 + last) + 8 + 10; // 10 bytes into the last frame's data
        }
        var data = bytes[..end];
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(movi + 4), uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(IndexOf(data, "avih") + 8 + 16), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(IndexOf(data, "strh") + 8 + 32), 0);
        File.WriteAllBytes(path, data);
    }

    private static int CountEntries(byte[] bytes, int index) => (int)(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(index + 4)) / 16);

    private static int IndexOf(byte[] bytes, string tag) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(tag));
}
