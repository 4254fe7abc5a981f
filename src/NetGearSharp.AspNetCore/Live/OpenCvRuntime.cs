namespace NetGearSharp.AspNetCore.Live;

/// <summary>
/// Raw frames are turned into JPEG with OpenCV, whose native runtime is a package of its own that the application
/// adds (it differs per platform, see docs/opencv.md); without it, what a browser gets says so.
/// </summary>
internal static class OpenCvRuntime
{
    /// <summary>What a browser is told when raw frames cannot be shown for want of OpenCV's native runtime.</summary>
    public const string Missing =
        "OpenCV's native runtime could not be loaded, so raw frames cannot be shown (JPEG ones can): add the OpenCvSharp4 " +
        "runtime package of this platform to the application (Linux x64: OpenCvSharp4.official.runtime.linux-x64, with " +
        "libgtk-3-0; see docs/opencv.md).";

    private static readonly Lazy<bool> s_loads = new(() =>
    {
        try
        {
            _ = OpenCvSharp.Cv2.GetVersionString();
            return true;
        }
        catch (Exception ex) when (IsMissing(ex))
        {
            return false;
        }
    });

    /// <summary>Whether OpenCV's native runtime loads in this process (tried once).</summary>
    public static bool Loads => s_loads.Value;

    /// <summary>Whether <paramref name="error"/> is OpenCV's native library failing to load.</summary>
    public static bool IsMissing(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException || (e is TypeInitializationException type && type.TypeName?.StartsWith("OpenCvSharp", StringComparison.Ordinal) == true))
                return true;
        }
        return false;
    }
}
