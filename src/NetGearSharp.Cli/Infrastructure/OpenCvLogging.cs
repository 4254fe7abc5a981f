namespace NetGearSharp.Cli;

/// <summary>Keeps OpenCV's own console warnings (camera probing, codecs) off stderr unless <c>--verbose</c>.</summary>
internal static class OpenCvLogging
{
    /// <summary>Sets OpenCV's log level: warnings with <paramref name="verbose"/>, silent otherwise.</summary>
    public static void Configure(bool verbose)
    {
        try
        {
            OpenCvSharp.Cv2.SetLogLevel(verbose ? OpenCvSharp.LogLevel.WARNING : OpenCvSharp.LogLevel.SILENT);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            // OpenCV's native library is missing: commands that need it report that themselves.
        }
    }
}
