using System.Runtime.InteropServices;

namespace NetGearSharp.Web.Tests.Support;

/// <summary>
/// A connection to an X display that makes plain top-level windows with a title and, if given, a <c>_NET_WM_PID</c>
/// (what GTK sets on its windows), as another program's windows would look. Dispose closes the connection (and so
/// destroys its windows).
/// </summary>
internal sealed class XlibWindows : IDisposable
{
    private const int PropModeReplace = 0;
    private const nuint XaCardinal = 6;

    private XlibWindows(IntPtr display) => Display = display;

    /// <summary>The Xlib display connection, for the code under test.</summary>
    public IntPtr Display { get; }

    public static XlibWindows Open(string displayName)
    {
        var display = XOpenDisplay(Z(displayName));
        if (display == IntPtr.Zero) throw new InvalidOperationException($"Cannot open X display {displayName}.");
        return new XlibWindows(display);
    }

    /// <summary>Makes a window titled <paramref name="title"/>, with <c>_NET_WM_PID</c> = <paramref name="pid"/> unless null.</summary>
    public nuint Create(string title, int? pid)
    {
        var window = XCreateSimpleWindow(Display, XDefaultRootWindow(Display), 0, 0, 100, 80, 0, 0, 0);
        _ = XStoreName(Display, window, Z(title));
        if (pid is { } value)
        {
            var atom = XInternAtom(Display, Z("_NET_WM_PID"), false);
            var data = new[] { (nint)value }; // format 32 is passed as C longs
            _ = XChangeProperty(Display, window, atom, XaCardinal, 32, PropModeReplace, data, 1);
        }
        _ = XSync(Display, false);
        return window;
    }

    /// <summary>Destroys a window made here (it is gone from the X server once this returns).</summary>
    public void Destroy(nuint window)
    {
        _ = XDestroyWindow(Display, window);
        _ = XSync(Display, false);
    }

    /// <summary>Asks to resize <paramref name="window"/> without waiting (an X error, if any, comes at the next sync).</summary>
    public void RequestResize(nuint window, uint width, uint height) => _ = XResizeWindow(Display, window, width, height);

    /// <summary>
    /// Asks <paramref name="window"/> to close as a window manager's close button does: a <c>WM_PROTOCOLS</c> client
    /// message of <c>WM_DELETE_WINDOW</c> (ICCCM), which the toolkit answers by closing its window.
    /// </summary>
    public void RequestClose(nuint window)
    {
        var message = new XClientMessageEvent
        {
            Type = ClientMessage, SendEvent = 1, Display = Display, Window = window,
            MessageType = XInternAtom(Display, Z("WM_PROTOCOLS"), false), Format = 32,
            Data0 = (nint)XInternAtom(Display, Z("WM_DELETE_WINDOW"), false), Data1 = 0, // CurrentTime
        };
        if (XSendEvent(Display, window, false, 0, ref message) == 0) throw new InvalidOperationException($"XSendEvent to window {window} failed.");
        _ = XSync(Display, false);
    }

    public void Dispose() => _ = XCloseDisplay(Display);

    private const int ClientMessage = 33;

    /// <summary>Xlib's <c>XClientMessageEvent</c>, padded to the size of an <c>XEvent</c> (24 longs).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 24 * 8)]
    private struct XClientMessageEvent
    {
        public int Type;
        public nuint Serial;
        public int SendEvent;
        public IntPtr Display;
        public nuint Window;
        public nuint MessageType;
        public int Format;
        public nint Data0, Data1, Data2, Data3, Data4;
    }

    [DllImport("libX11.so.6")]
    private static extern int XSendEvent(IntPtr display, nuint window, bool propagate, nint eventMask, ref XClientMessageEvent message);

    /// <summary>A C string: UTF-8, ending in a zero byte.</summary>
    private static byte[] Z(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

    [DllImport("libX11.so.6")]
    private static extern IntPtr XOpenDisplay(byte[] name);

    [DllImport("libX11.so.6")]
    private static extern nuint XDefaultRootWindow(IntPtr display);

    [DllImport("libX11.so.6")]
    private static extern nuint XCreateSimpleWindow(IntPtr display, nuint parent, int x, int y, uint width, uint height, uint borderWidth, nuint border, nuint background);

    [DllImport("libX11.so.6")]
    private static extern int XStoreName(IntPtr display, nuint window, byte[] name);

    [DllImport("libX11.so.6")]
    private static extern nuint XInternAtom(IntPtr display, byte[] name, bool onlyIfExists);

    [DllImport("libX11.so.6")]
    private static extern int XChangeProperty(IntPtr display, nuint window, nuint property, nuint type, int format, int mode, nint[] data, int elements);

    [DllImport("libX11.so.6")]
    private static extern int XSync(IntPtr display, bool discard);

    [DllImport("libX11.so.6")]
    private static extern int XCloseDisplay(IntPtr display);

    [DllImport("libX11.so.6")]
    private static extern int XDestroyWindow(IntPtr display, nuint window);

    [DllImport("libX11.so.6")]
    private static extern int XResizeWindow(IntPtr display, nuint window, uint width, uint height);
}
