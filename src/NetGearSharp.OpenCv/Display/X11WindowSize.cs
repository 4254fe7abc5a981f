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

    /// <summary>Resizes this process's window named <paramref name="title"/> (see <see cref="Find(IntPtr, string)"/>). False when there is no X display or no such window.</summary>
    public static bool TryResize(string title, int width, int height)
    {
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || width <= 0 || height <= 0) return false;
        try
        {
            var display = XOpenDisplay(IntPtr.Zero);
            if (display == IntPtr.Zero) return false;
            try
            {
                // The windows looked at may go meanwhile (X11Errors): a failed call is a window not resized this time.
                var resized = X11Errors.Ignoring(display, () =>
                {
                    var window = Find(display, title);
                    if (window == 0) return false;
                    _ = XResizeWindow(display, window, (uint)width, (uint)height);
                    return true;
                }, out var failed);
                return resized && !failed;
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
    /// This process's window named <paramref name="title"/> on <paramref name="display"/> (its <c>_NET_WM_PID</c>, which
    /// GTK sets, is this process's id), or 0. Another program's window of the same title (a second viewer on the same
    /// desktop) is never taken, nor a window that does not say its process. Call it inside <see cref="X11Errors.Ignoring"/>:
    /// a window that goes during the search raises an X error.
    /// </summary>
    internal static nuint Find(IntPtr display, string title)
    {
        var pidAtom = XInternAtom(display, "_NET_WM_PID", onlyIfExists: 1);
        return pidAtom == 0 ? 0 : Find(display, XDefaultRootWindow(display), title, pidAtom, Environment.ProcessId, 0);
    }

    private static nuint Find(IntPtr display, nuint window, string title, nuint pidAtom, int pid, int depth)
    {
        if (depth > 0 && XFetchName(display, window, out var name) != 0 && name != IntPtr.Zero)
        {
            var matches = Marshal.PtrToStringUTF8(name) == title;
            _ = XFree(name);
            if (matches && ProcessOf(display, window, pidAtom) == pid) return window;
        }
        if (depth >= MaxDepth || XQueryTree(display, window, out _, out _, out var children, out var count) == 0) return 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var child = (nuint)Marshal.ReadIntPtr(children, i * IntPtr.Size);
                var found = Find(display, child, title, pidAtom, pid, depth + 1);
                if (found != 0) return found;
            }
            return 0;
        }
        finally
        {
            if (children != IntPtr.Zero) _ = XFree(children);
        }
    }

    /// <summary>The window's <c>_NET_WM_PID</c>, or -1 when it has none.</summary>
    private static long ProcessOf(IntPtr display, nuint window, nuint pidAtom)
    {
        if (XGetWindowProperty(display, window, pidAtom, 0, 1, 0, XaCardinal, out var type, out var format, out var items, out _, out var data) != 0)
            return -1;
        try
        {
            // Format 32 comes as C longs (8 bytes on 64-bit Linux).
            return type == XaCardinal && format == 32 && items >= 1 && data != IntPtr.Zero ? (long)Marshal.ReadIntPtr(data) : -1;
        }
        finally
        {
            if (data != IntPtr.Zero) _ = XFree(data);
        }
    }

    /// <summary>The predefined atom CARDINAL.</summary>
    private const nuint XaCardinal = 6;

    [LibraryImport("libX11.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nuint XInternAtom(IntPtr display, string name, int onlyIfExists);

    [LibraryImport("libX11.so.6")]
    private static partial int XGetWindowProperty(IntPtr display, nuint window, nuint property, nint offset, nint length, int delete, nuint requestedType,
        out nuint actualType, out int actualFormat, out nuint items, out nuint bytesAfter, out IntPtr data);

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
    private static partial int XFree(IntPtr data);

    [LibraryImport("libX11.so.6")]
    private static partial int XCloseDisplay(IntPtr display);
}
