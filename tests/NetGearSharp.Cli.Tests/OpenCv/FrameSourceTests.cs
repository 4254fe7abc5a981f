using NetGearSharp.Cli.Tests.Support;
using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Tests.OpenCv;

public sealed class FrameSourceTests
{
    [Fact(Timeout = 30_000)]
    public async Task Video_file_yields_vtest_real_frame_size()
    {
        await Task.Yield();
        using var source = new VideoFileSource(RepoPaths.Media("vtest.avi"));
        Assert.Equal(768, source.Width);
        Assert.Equal(576, source.Height);
        using var mat = new Mat();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(source.Read(mat));
            Assert.Equal(new Size(768, 576), mat.Size());
            Assert.Equal(MatType.CV_8UC3, mat.Type());
        }
        using var frame = mat.ToFrame();
        Assert.Equal([576, 768, 3], frame.Shape);
    }

    [Fact(Timeout = 30_000)]
    public async Task Video_file_ends_without_loop_and_starts_again_with_loop()
    {
        await Task.Yield();
        using var once = new VideoFileSource(RepoPaths.Media("vtest.avi"));
        using var looping = new VideoFileSource(RepoPaths.Media("vtest.avi"), loop: true);
        using var mat = new Mat();
        var count = 0;
        while (once.Read(mat)) count++;
        Assert.True(count > 100, $"vtest.avi has {count} frames");
        for (var i = 0; i < count + 5; i++) Assert.True(looping.Read(mat), $"looping source ended at frame {i}");
    }

    [Fact]
    public void Missing_video_file_is_a_clear_error()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new VideoFileSource("/no/such/file.avi"));
        Assert.Contains("/no/such/file.avi", ex.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_camera_that_does_not_exist_is_a_clear_error()
    {
        await Task.Yield();
        var ex = Assert.Throws<InvalidOperationException>(() => new CameraSource(57));
        Assert.Contains("Camera 57", ex.Message);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => new CameraSource(-1)).ParamName);
    }

    [Fact]
    public void Test_pattern_has_the_asked_size_and_changes_from_frame_to_frame()
    {
        using var source = new TestPatternSource(320, 200, 30, "port 5566");
        using var a = new Mat();
        using var b = new Mat();
        Assert.True(source.Read(a));
        Assert.True(source.Read(b));
        Assert.Equal(new Size(320, 200), a.Size());
        Assert.Equal(MatType.CV_8UC3, a.Type());
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        var changed = Cv2.CountNonZero(diff.Reshape(1));
        Assert.True(changed > 1000, $"only {changed} values changed between two frames");
        Assert.Equal(2, source.FrameCount);
    }

    [Fact]
    public void Test_pattern_draws_its_label()
    {
        using var labelled = new TestPatternSource(320, 240, 30, "port 5566", new FixedClock());
        using var plain = new TestPatternSource(320, 240, 30, "", new FixedClock());
        using var a = new Mat();
        using var b = new Mat();
        labelled.Read(a);
        plain.Read(b);
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        Assert.True(Cv2.CountNonZero(diff.Reshape(1)) > 50, "the label should change pixels");
    }

    [Fact]
    public void Test_patterns_of_neighbouring_ports_started_together_are_different_pictures()
    {
        // The demo's servers start within one frame of each other: same frame counter, labels one digit apart.
        using var first = new TestPatternSource(320, 240, 30, "port 40123", new FixedClock());
        using var second = new TestPatternSource(320, 240, 30, "port 40124", new FixedClock());
        Assert.True(MotionDifference(first, second) > 10, "the two patterns move in step: only their labels tell them apart");
        Assert.Equal(5, first.FrameCount);
    }

    [Fact]
    public void Two_ports_whose_phases_meet_move_in_step_unless_each_source_is_given_its_own_phase()
    {
        // 42995 and 34355 (a demo's ports in one run): 97 x port mod 1000 is 515 and 435, 80 apart, and at 320x240 the
        // motion repeats every 80 frames, so the two tiles moved in step. netgear demo gives its servers phases 97 apart.
        using (var first = new TestPatternSource(320, 240, 30, "port 42995", new FixedClock()))
        using (var second = new TestPatternSource(320, 240, 30, "port 34355", new FixedClock()))
            Assert.True(MotionDifference(first, second) < 1, "the two ports' own phases should meet");
        using (var first = new TestPatternSource(320, 240, 30, "port 42995", new FixedClock(), phase: 0))
        using (var second = new TestPatternSource(320, 240, 30, "port 34355", new FixedClock(), phase: 97))
            Assert.True(MotionDifference(first, second) > 10, "phases 97 apart move in step");
        foreach (var bad in new long[] { -1, 1_000_000_001, long.MaxValue })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TestPatternSource(320, 240, phase: bad));
            Assert.Equal("phase", ex.ParamName);
            Assert.Contains("0-1000000000", ex.Message);
        }
        using var last = new TestPatternSource(320, 240, phase: 1_000_000_000);
        using var mat = new Mat();
        Assert.True(last.Read(mat));
    }

    /// <summary>The mean difference above the label box (the labels differ anyway) after 5 frames of each source.</summary>
    private static double MotionDifference(TestPatternSource first, TestPatternSource second)
    {
        using var a = new Mat();
        using var b = new Mat();
        for (var i = 0; i < 5; i++)
        {
            first.Read(a);
            second.Read(b);
        }
        using var top = new Mat(a, new Rect(0, 0, 320, 120));
        using var otherTop = new Mat(b, new Rect(0, 0, 320, 120));
        using var diff = new Mat();
        Cv2.Absdiff(top, otherTop, diff);
        var mean = Cv2.Mean(diff);
        return mean.Val0 + mean.Val1 + mean.Val2;
    }

    [Fact]
    public void Test_pattern_rejects_a_bad_size()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TestPatternSource(8, 240));
        Assert.Equal("width", ex.ParamName);
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    }
}
