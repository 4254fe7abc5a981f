using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 11 item 10: bad option values are named in words (no .NET type names), a directory given as a video is
/// called a directory, and FFmpeg's own log lines do not reach stderr.
/// </summary>
public sealed class ValueMessageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    /// <summary>A free port, should a regression let a bad value through to a bind or a connect.</summary>
    private static readonly string Port = TestPorts.One().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string, string[]> NonNumeric => new()
    {
        { "--fps", ["serve", "--port", Port, "--fps", "abc"] },
        { "--frames", ["serve", "--port", Port, "--frames", "ten"] },
        { "--wait-first", ["view", "--ports", Port, "--wait-first", "x"] },
        { "--stale-after", ["view", "--ports", Port, "--stale-after", "soon"] },
        { "--servers", ["demo", "--servers", "many"] },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(NonNumeric))]
    public async Task A_non_numeric_value_is_named_without_type_names(string option, string[] args)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(Timeout, args);
        Assert.Equal(2, code);
        Assert.Contains(option, stderr);
        Assert.Contains($"'{args[^1]}' is not allowed", stderr);
        Assert.DoesNotContain("System.", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_directory_as_source_is_called_a_directory()
    {
        var dir = Directory.CreateTempSubdirectory("netgear-source-").FullName;
        try
        {
            var (code, _, stderr) = await CliProcess.RunAsync(Timeout, "serve", "--port", Port, "--source", dir);
            Assert.Equal(2, code);
            Assert.Contains("is a directory", stderr);
            Assert.DoesNotContain("does not exist", stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_that_is_not_a_video_gives_one_clear_error_and_no_ffmpeg_lines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"netgear-not-a-video-{Guid.NewGuid():N}.mp4");
        await File.WriteAllTextAsync(path, "this is not a video");
        try
        {
            var (code, _, stderr) = await CliProcess.RunAsync(Timeout, "serve", "--port", Port, "--source", path);
            Assert.Equal(2, code); // an argument to fix
            Assert.Contains("--source: OpenCV cannot read", stderr);
            Assert.DoesNotContain("moov atom", stderr);
            Assert.DoesNotContain("FFMPEG", stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
