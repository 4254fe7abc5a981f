using System.Runtime.InteropServices;
using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// The size of the screen a window opens on. On Linux it asks the X server named by <c>DISPLAY</c> (through
/// <c>libX11</c>, which OpenCV's GTK backend loads anyway); elsewhere, or when that fails, it is unknown.
/// </summary>
public static partial class ScreenSize
{
    /// <summary>Tries to read the default screen's size in pixels.</summary>
    public static bool TryGet(out Size size)
    {
        size = default;
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) return false;
        try
        {
            var display = XOpenDisplay(IntPtr.Zero);
            if (display == IntPtr.Zero) return false;
            try
            {
                var screen = XDefaultScreen(display);
                size = new Size(XDisplayWidth(display, screen), XDisplayHeight(display, screen));
                return size.Width > 0 && size.Height > 0;
            }
            finally
            {
                _ = XCloseDisplay(display);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The largest size with <paramref name="content"/>'s aspect that fits in <paramref name="bounds"/>, never larger
    /// than <paramref name="content"/> itself (a small montage is not blown up).
    /// </summary>
    public static Size Fit(Size content, Size bounds)
    {
        if (content.Width <= 0 || content.Height <= 0) return content;
        var scale = Math.Min(1.0, Math.Min((double)bounds.Width / content.Width, (double)bounds.Height / content.Height));
        return new Size(Math.Max(1, (int)Math.Floor(content.Width * scale)), Math.Max(1, (int)Math.Floor(content.Height * scale)));
    }

    [LibraryImport("libX11.so.6")]
    private static partial IntPtr XOpenDisplay(IntPtr name);

    [LibraryImport("libX11.so.6")]
    private static partial int XDefaultScreen(IntPtr display);

    [LibraryImport("libX11.so.6")]
    private static partial int XDisplayWidth(IntPtr display, int screen);

    [LibraryImport("libX11.so.6")]
    private static partial int XDisplayHeight(IntPtr display, int screen);

    [LibraryImport("libX11.so.6")]
    private static partial int XCloseDisplay(IntPtr display);
}
