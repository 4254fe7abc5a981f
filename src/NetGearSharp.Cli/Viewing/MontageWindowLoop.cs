using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// Shows the montage in an OpenCV window on its own thread (HighGUI wants one thread), about 25 times a second.
/// Pressing q or Esc, or closing the window, ends the view.
/// </summary>
internal sealed class MontageWindowLoop : IDisposable
{
    private readonly LatestImages _images;
    private readonly MontageBuilder _builder;
    private readonly Func<IReadOnlyList<ServerInfo>> _servers;
    private readonly string _title;
    private readonly Action<string> _note;
    private readonly Func<string, MatWindow> _openWindow;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private volatile bool _userClosed;
    private volatile bool _failed;
    private bool _disposed;
    private bool _montageFailed;

    /// <summary>Creates the loop (not started).</summary>
    /// <param name="images">The servers' newest images.</param>
    /// <param name="builder">Builds the montage.</param>
    /// <param name="servers">The servers and their states.</param>
    /// <param name="title">The window's title.</param>
    /// <param name="note">Where notes for the user go.</param>
    /// <param name="openWindow">Opens the window (on the loop's thread); default a <see cref="MatWindow"/> (tests give another).</param>
    public MontageWindowLoop(LatestImages images, MontageBuilder builder, Func<IReadOnlyList<ServerInfo>> servers, string title, Action<string> note,
        Func<string, MatWindow>? openWindow = null)
    {
        _openWindow = openWindow ?? (t => new MatWindow(t));
        _images = images;
        _builder = builder;
        _servers = servers;
        _title = title;
        _note = note;
    }

    /// <summary>True once the user pressed q or Esc or closed the window.</summary>
    public bool UserClosed => _userClosed;

    /// <summary>
    /// True once the window could not be opened or shown (e.g. GTK cannot start): the loop has ended and the view goes on
    /// without it, so its images are no longer needed.
    /// </summary>
    public bool Failed => _failed;

    /// <summary>Starts the window thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "netgear-window" };
        _thread.Start();
    }

    private void Run()
    {
        try
        {
            using var window = _openWindow(_title);
            while (!_stop.IsCancellationRequested)
            {
                Mat montage;
                try
                {
                    montage = _images.BuildMontage(_builder, _servers());
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // One server's image must not end the view: note it once, try again with the next images.
                    if (!_montageFailed) _note($"montage could not be built ({ErrorText.OneLine(ex)}); retrying");
                    _montageFailed = true;
                    Thread.Sleep(40);
                    continue;
                }
                int key;
                using (montage) key = window.Show(montage, 40);
                if (key is 'q' or 'Q' or 27 || window.IsClosed)
                {
                    _userClosed = true;
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An exception on this thread would end the process: the window goes, the view goes on.
            _failed = true;
            _note($"montage window unavailable ({ErrorText.OneLine(ex)}); continuing without it");
        }
    }

    /// <summary>Stops the loop and closes the window.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
