using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Runs Xlib calls on the montage window's own X connection with X errors ignored. Those calls look at windows that can
/// go at any moment (another program's tooltip during the search, the montage window the user just closed), and an X
/// error (<c>BadWindow</c>) then goes to the process's error handler: Xlib's default one prints it and ends the
/// process, and GTK's ignores only what it trapped itself. The handler is Xlib's process-wide one, so it is set only
/// around the calls, on the window's thread (where GTK also runs, so GTK is not in the middle of its own calls), and the
/// one before is put back after an <c>XSync</c> has brought in every error of the calls.
/// </summary>
internal static unsafe partial class X11Errors
{
    [ThreadStatic] private static int t_ignored;

    /// <summary>Runs <paramref name="calls"/> on <paramref name="display"/> with X errors ignored; <paramref name="failed"/>: whether any came.</summary>
    public static T Ignoring<T>(IntPtr display, Func<T> calls, out bool failed)
    {
        var before = t_ignored;
        var previous = XSetErrorHandler(&Ignore);
        try
        {
            var result = calls();
            _ = XSync(display, 0);
            failed = t_ignored != before;
            return result;
        }
        finally
        {
            _ = XSetErrorHandler(previous);
        }
    }

    /// <summary>Errors ignored on this thread so far (tests read it).</summary>
    internal static int IgnoredOnThisThread => t_ignored;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Ignore(IntPtr display, IntPtr error)
    {
        t_ignored++;
        return 0;
    }

    [LibraryImport("libX11.so.6")]
    private static partial delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int> XSetErrorHandler(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int> handler);

    [LibraryImport("libX11.so.6")]
    private static partial int XSync(IntPtr display, int discard);
}
