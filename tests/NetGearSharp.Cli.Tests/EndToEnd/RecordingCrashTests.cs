using System.Text.RegularExpressions;
using NetGearSharp.Cli.Tests.Support;
using OpenCvSharp;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// A recording viewer killed with SIGKILL (or a machine whose power went) leaves its file without an index or a frame
/// count; the next <c>netgear view --record</c> into the folder finishes it and says so, and OpenCV then reads every
/// frame it holds.
/// </summary>
public sealed partial class RecordingCrashTests : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "netgear-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact(Timeout = 150_000)]
    public async Task The_next_view_finishes_the_file_a_killed_view_left()
    {
        var port = TestPorts.One().ToString();
        using (var view = CliProcess.Start("view", "--ports", port, "--address", "127.0.0.1", "--record", _dir))
        {
            await view.WaitForOutputAsync("listening on", ProcessTimeout);
            using var serve = CliProcess.Start("serve", "--port", port, "--fps", "30", "--size", "320x240");
            // OpenCV's writer keeps what it writes in a buffer: wait until some of the frames are on disk.
            using var deadline = new CancellationTokenSource(ProcessTimeout);
            while (Directory.GetFiles(_dir, "*.avi").FirstOrDefault() is not { } file || new FileInfo(file).Length < 200_000)
                await Task.Delay(200, deadline.Token);
            view.Signal("KILL");
            await view.WaitAsync(ProcessTimeout);
        }
        var left = Assert.Single(Directory.GetFiles(_dir, "*.avi"));
        await Task.Delay(NetGearSharp.OpenCv.StreamRecorder.UnfinishedQuietFor + TimeSpan.FromSeconds(1)); // left quiet: nobody writes it
        using (var before = new VideoCapture(left)) Assert.Equal(0, (int)before.Get(VideoCaptureProperties.FrameCount));

        var (_, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--ports", TestPorts.One().ToString(), "--address", "127.0.0.1",
            "--record", _dir, "--wait-first", "1");
        var said = Finished().Match(stdout + stderr);
        Assert.True(said.Success, $"the view did not say it finished the file:\n{stdout}\n{stderr}");
        Assert.Equal(Path.GetFileName(left), said.Groups["file"].Value);
        var frames = int.Parse(said.Groups["frames"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(frames >= 5, $"only {frames} frames");
        Assert.Equal(frames, OpenCv.StreamRecorderTests.CountFrames(left));
        using var after = new VideoCapture(left);
        Assert.Equal(frames, (int)after.Get(VideoCaptureProperties.FrameCount));
        Assert.InRange(after.Get(VideoCaptureProperties.Fps), 5, 60); // from its name's start to its last write: about 30
    }

    [GeneratedRegex(@"recording: finished (?<file>netgear-\S+\.avi) \((?<frames>\d+) frames?\), which a view before left unfinished")]
    private static partial Regex Finished();
}
