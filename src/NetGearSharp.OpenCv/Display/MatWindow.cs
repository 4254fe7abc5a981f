using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// An OpenCV (HighGUI) window. Use it from one thread only. Check <see cref="IsDisplayAvailable"/> first: without a
/// display (a server, a container, SSH without X forwarding) OpenCV cannot open windows.
/// </summary>
public sealed class MatWindow : IDisposable
{
    private static readonly Size ScreenMargin = new(40, 80); // room for the window manager's frame and panels
    private readonly Size? _screen;
    private Size _contentSize;
    private readonly UserSizeKeeper _keeper = new();
    /// <summary>The X server's sizes for the window, when there is an X display.</summary>
    private readonly X11SizeWatch? _sizeWatch;
    /// <summary>The sizes taken in at one look (reused).</summary>
    private readonly List<Size> _sizes = [];
    private bool _shown;
    private bool _visibilityReported;
    private bool _autoSizeReported;
    private bool _disposed;

    /// <summary>Creates the window (it appears with the first image).</summary>
    public MatWindow(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
        Cv2.NamedWindow(title, WindowFlags.Normal | WindowFlags.KeepRatio);
        // Only once the window exists: the GUI toolkit must be the first to talk to the X server in this process.
        _screen = ScreenSize.TryGet(out var screen) ? screen : null;
        _sizeWatch = X11SizeWatch.TryOpen();
    }

    /// <summary>
    /// The largest window size for content of <paramref name="content"/>'s size: the content itself, scaled down with
    /// its aspect kept when it is larger than the screen (less a margin for the window's frame); the content itself when
    /// the screen's size is unknown.
    /// </summary>
    public Size WindowSizeFor(Size content) => _screen is { } screen
        ? ScreenSize.Fit(content, new Size(Math.Max(64, screen.Width - ScreenMargin.Width), Math.Max(64, screen.Height - ScreenMargin.Height)))
        : content;

    /// <summary>The window title.</summary>
    public string Title { get; }

    /// <summary>
    /// Whether a graphical display can be reached: on Linux, <c>DISPLAY</c> or <c>WAYLAND_DISPLAY</c> is set; on
    /// Windows and macOS, always.
    /// </summary>
    /// <param name="reason">Why not, for a message to the user.</param>
    public static bool IsDisplayAvailable(out string reason)
    {
        reason = "";
        if (!OperatingSystem.IsLinux()) return true;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) ||
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"))) return true;
        reason = "no graphical display (DISPLAY and WAYLAND_DISPLAY are not set)";
        return false;
    }

    /// <summary>Whether the user closed the window.</summary>
    public bool IsClosed
    {
        get
        {
            if (_disposed) return true;
            if (!_shown) return false;
            try
            {
                // Backends that report visibility (Qt, Win32): trusted once it has said "visible".
                var visible = Cv2.GetWindowProperty(Title, WindowPropertyFlags.Visible) >= 1;
                _visibilityReported |= visible;
                if (_visibilityReported) return !visible;
                // GTK reports none (-1 always). A window the user closed is gone from HighGUI's windows, whose
                // properties then read -1; an open one's autosize flag reads 0 or 1 (trusted once it has: a backend
                // that reports neither never says closed). Showing the next image would open the window again.
                var autoSize = Cv2.GetWindowProperty(Title, WindowPropertyFlags.AutoSize);
                _autoSizeReported |= autoSize >= 0;
                return _autoSizeReported && autoSize < 0;
            }
            catch (OpenCVException)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Shows an image and processes window events for up to <paramref name="waitMilliseconds"/>. When the image's size
    /// differs from the previous image's (a montage grew as servers joined), the window is resized to fit it (within the
    /// screen, aspect kept); between such changes the user's own resizing is left alone.
    /// </summary>
    /// <returns>The key pressed, or -1.</returns>
    public int Show(Mat image, int waitMilliseconds = 1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(image);
        var size = image.Size();
        var resize = size != _contentSize;
        _contentSize = size;
        Cv2.ImShow(Title, image);
        Size? window = null;
        if (resize)
        {
            window = WindowSizeFor(size);
            Cv2.ResizeWindow(Title, window.Value.Width, window.Value.Height);
        }
        _shown = true;
        var key = Cv2.WaitKey(Math.Max(1, waitMilliseconds));
        // GTK grows a window but never makes it narrower or lower (OpenCV's image widget asks for the current size):
        // once GTK has done its part, the X server is asked directly, as a window manager would.
        if (window is { } target)
        {
            X11WindowSize.TryResize(Title, target.Width, target.Height);
            _keeper.OwnResize(Environment.TickCount64);
        }
        KeepUserSize();
        return key;
    }

    /// <summary>
    /// Keeps the size the user gave the window when GTK puts a side of it back (see <see cref="UserSizeKeeper"/>). The
    /// sizes come from the X server's events when there is one (a side put back at once leaves the user's size there for
    /// a few milliseconds only, less than one look), else from the toolkit at each look.
    /// </summary>
    private void KeepUserSize()
    {
        _sizes.Clear();
        if (_sizeWatch is { } watch && watch.TryWatch(Title)) watch.Drain(_sizes);
        else if (ToolkitSize() is { } size) _sizes.Add(size);
        foreach (var size in _sizes)
        {
            if (_keeper.Observe(size, Environment.TickCount64) is { } user) X11WindowSize.TryResize(Title, user.Width, user.Height);
        }
    }

    private Size? ToolkitSize()
    {
        try
        {
            var rect = Cv2.GetWindowImageRect(Title);
            return new Size(rect.Width, rect.Height);
        }
        catch (OpenCVException)
        {
            return null;
        }
    }

    /// <summary>Closes the window.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sizeWatch?.Dispose();
        try
        {
            Cv2.DestroyWindow(Title);
            Cv2.WaitKey(1);
        }
        catch (OpenCVException)
        {
            // Already closed by the user.
        }
    }
}
