using System.Runtime.InteropServices;

namespace NetGearSharp.Cli;

/// <summary>
/// Keeps FFmpeg's own log lines (such as <c>moov atom not found</c> for a file that is not a video) off the tool's
/// stderr: the tool reports a source it cannot open in its own words. Sets <c>OPENCV_FFMPEG_LOGLEVEL</c> to quiet
/// in the process's native environment (what OpenCV reads), unless the user set it.
/// </summary>
internal static partial class QuietNativeLogs
{
    /// <summary>FFmpeg's AV_LOG_QUIET.</summary>
    private const string Quiet = "-8";

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    /// <summary>Applies the setting (Linux and macOS; nothing elsewhere).</summary>
    public static void Apply()
    {
        if (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("OPENCV_FFMPEG_LOGLEVEL") is not null) return;
        try
        {
            _ = SetEnv("OPENCV_FFMPEG_LOGLEVEL", Quiet, 0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc setenv: FFmpeg's lines may show; nothing else changes.
        }
    }
}
