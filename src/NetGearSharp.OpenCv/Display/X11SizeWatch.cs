using System.Runtime.InteropServices;
using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Every size the X server gives a top-level window, in order, from its <c>ConfigureNotify</c> events on a connection of
/// its own. Asking the toolkit for the window's size misses a size that lasted less than one look: GTK can put a side
/// back within a few milliseconds of a user's resize (OpenCV's image widget asks for the size its window had), so the
/// user's size was never seen and the put-back looked like the user's. Linux with an X display only; elsewhere
/// <see cref="TryOpen"/> gives null. Use it from one thread.
/// </summary>
internal sealed partial class X11SizeWatch : IDisposable
{
    private const int ConfigureNotify = 22;
    private const int StructureNotifyMask = 1 << 17;
    /// <summary>The size of Xlib's XEvent union (24 longs).</summary>
    private const int EventBytes = 24 * 8;
    /// <summary>Looks for the window at most this often until it is found (it appears with the first image).</summary>
    private const long FindEveryMilliseconds = 200;
    private readonly IntPtr _display;
    private readonly IntPtr _event = Marshal.AllocHGlobal(EventBytes);
    private nuint _window;
    /// <summary>The window's size when it was found, until the next <see cref="Drain"/>.</summary>
    private Size? _current;
    private long _nextFind;
    private bool _disposed;

    private X11SizeWatch(IntPtr display) => _display = display;

    /// <summary>A watch on its own X connection, or null without an X display (or on another OS).</summary>
    public static X11SizeWatch? TryOpen()
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8 || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))) return null;
        try
        {
            var display = XOpenDisplay(IntPtr.Zero);
            return display == IntPtr.Zero ? null : new X11SizeWatch(display);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Finds the window named <paramref name="title"/> (looked for at most every 200 ms) and from then on reports its
    /// sizes. True once it is watched.
    /// </summary>
    public bool TryWatch(string title)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_window != 0) return true;
        var now = Environment.TickCount64;
        if (now < _nextFind) return false;
        _nextFind = now + FindEveryMilliseconds;
        // The windows looked at may go meanwhile (X11Errors): then it is looked for again later.
        var (window, size) = X11Errors.Ignoring(_display, () =>
        {
            var found = X11WindowSize.Find(_display, title);
            if (found == 0) return (found, (Size?)null);
            _ = XSelectInput(_display, found, (IntPtr)StructureNotifyMask);
            // The size it has now: events report only later changes, and the first of those must be compared with it.
            return XGetGeometry(_display, found, out _, out _, out _, out var width, out var height, out _, out _) != 0
                ? (found, new Size((int)width, (int)height))
                : (found, (Size?)null);
        }, out var failed);
        if (window == 0 || failed) return false;
        _current = size;
        _window = window;
        return true;
    }

    /// <summary>
    /// Adds the sizes the window was given since the last call, oldest first, to <paramref name="sizes"/>; the first
    /// call after the window was found starts with the size it had then.
    /// </summary>
    public void Drain(List<Size> sizes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_current is { } current) sizes.Add(current);
        _current = null;
        while (XPending(_display) > 0)
        {
            _ = XNextEvent(_display, _event);
            // XConfigureEvent on LP64: type (int, padded), serial, send_event (padded), display, event, window, then
            // x, y, width, height as ints.
            if (Marshal.ReadInt32(_event) != ConfigureNotify || (nuint)Marshal.ReadIntPtr(_event, 40) != _window) continue;
            sizes.Add(new Size(Marshal.ReadInt32(_event, 56), Marshal.ReadInt32(_event, 60)));
        }
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _ = XCloseDisplay(_display);
        Marshal.FreeHGlobal(_event);
    }

    [LibraryImport("libX11.so.6")]
    private static partial IntPtr XOpenDisplay(IntPtr name);

    [LibraryImport("libX11.so.6")]
    private static partial int XSelectInput(IntPtr display, nuint window, IntPtr mask);

    [LibraryImport("libX11.so.6")]
    private static partial int XGetGeometry(IntPtr display, nuint drawable, out nuint root, out int x, out int y,
        out uint width, out uint height, out uint border, out uint depth);

    [LibraryImport("libX11.so.6")]
    private static partial int XPending(IntPtr display);

    [LibraryImport("libX11.so.6")]
    private static partial int XNextEvent(IntPtr display, IntPtr e);

    [LibraryImport("libX11.so.6")]
    private static partial int XCloseDisplay(IntPtr display);
}
