using System.Runtime.InteropServices;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Resizes a top-level window by its title straight through the X server, as a window manager or <c>xdotool</c> would.
/// OpenCV's GTK backend asks GTK to resize, but its image widget asks for at least the window's current size, so GTK
/// can grow a window and never make it narrower or lower: a montage that needs a narrower window (its height reached
/// the screen as servers joined) kept the old width and lost its aspect. Linux with an X display only; elsewhere a no-op.
/// </summary>
internal static partial class X11WindowSize
{
    /// <summary>How deep below the root window to look (a window manager puts its frame between them).</summary>
    private const int MaxDepth = 3;

    /// <summary>Resizes the first window named <paramref name="title"/>. False when there is no X display or no such window.</summary>
    public static bool TryResize(string title, int width, int height)
    {
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || width <= 0 || height <= 0) return false;
        try
        {
            var display = XOpenDisplay(IntPtr.Zero);
            if (display == IntPtr.Zero) return false;
            try
            {
                var window = Find(display, title);
                if (window == 0) return false;
                _ = XResizeWindow(display, window, (uint)width, (uint)height);
                _ = XSync(display, 0);
                return true;
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

    /// <summary>The first window named <paramref name="title"/> on <paramref name="display"/>, or 0.</summary>
    internal static nuint Find(IntPtr display, string title) => Find(display, XDefaultRootWindow(display), title, 0);

    private static nuint Find(IntPtr display, nuint window, string title, int depth)
    {
        if (depth > 0 && XFetchName(display, window, out var name) != 0 && name != IntPtr.Zero)
        {
            var matches = Marshal.PtrToStringUTF8(name) == title;
            _ = XFree(name);
            if (matches) return window;
        }
        if (depth >= MaxDepth || XQueryTree(display, window, out _, out _, out var children, out var count) == 0) return 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var child = (nuint)Marshal.ReadIntPtr(children, i * IntPtr.Size);
                var found = Find(display, child, title, depth + 1);
                if (found != 0) return found;
            }
            return 0;
        }
        finally
        {
            if (children != IntPtr.Zero) _ = XFree(children);
        }
    }

    [LibraryImport("libX11.so.6")]
    private static partial IntPtr XOpenDisplay(IntPtr name);

    [LibraryImport("libX11.so.6")]
    private static partial nuint XDefaultRootWindow(IntPtr display);

    [LibraryImport("libX11.so.6")]
    private static partial int XFetchName(IntPtr display, nuint window, out IntPtr name);

    [LibraryImport("libX11.so.6")]
    private static partial int XQueryTree(IntPtr display, nuint window, out nuint root, out nuint parent, out IntPtr children, out uint count);

    [LibraryImport("libX11.so.6")]
    private static partial int XResizeWindow(IntPtr display, nuint window, uint width, uint height);

    [LibraryImport("libX11.so.6")]
    private static partial int XSync(IntPtr display, int discard);

    [LibraryImport("libX11.so.6")]
    private static partial int XFree(IntPtr data);

    [LibraryImport("libX11.so.6")]
    private static partial int XCloseDisplay(IntPtr display);
}
