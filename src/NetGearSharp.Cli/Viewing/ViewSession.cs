using NetGearSharp.OpenCv;
using Spectre.Console;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// What every <c>netgear view</c> does with its packets, wherever they come from (<see cref="IViewSource"/>): the
/// status display, the optional montage window and recording, and the receive loop that feeds them until the source
/// ends, the window is closed or Ctrl+C. One implementation for <see cref="ViewRunner"/> and <see cref="NatsViewRunner"/>.
/// </summary>
internal sealed class ViewSession : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly IViewSource _source;
    private readonly IStatusDisplay _display;
    private readonly RecordingSink? _recording;
    private readonly LatestImages _images;
    private readonly MontageWindowLoop? _window;
    private readonly Func<string, MatWindow>? _openWindow;

    /// <summary>Starts the recording and the montage window (when asked for and a display is available).</summary>
    /// <param name="settings">The view's settings.</param>
    /// <param name="title">The window's title.</param>
    /// <param name="source">Where the packets come from.</param>
    /// <param name="display">The status display.</param>
    /// <param name="openWindow">Opens the montage window; default a <see cref="MatWindow"/> when a display is available (tests give another, which stands in for the display).</param>
    public ViewSession(ViewSettings settings, string title, IViewSource source, IStatusDisplay display, Func<string, MatWindow>? openWindow = null)
    {
        _openWindow = openWindow;
        _source = source;
        _display = display;
        _recording = settings.RecordDirectory is null ? null : new RecordingSink(settings.RecordDirectory, display.Note, settings.RecordSegment);
        _images = new LatestImages();
        try
        {
            _window = StartWindow(settings, title);
        }
        catch
        {
            _images.Dispose();
            _recording?.Dispose();
            throw;
        }
    }

    /// <summary>The live table on a terminal, plain lines otherwise, on standard error when the summary is JSON (it owns standard output).</summary>
    /// <param name="settings">The view's settings.</param>
    /// <param name="heading">The live table's heading.</param>
    /// <param name="terminal">Whether the status goes to a terminal.</param>
    public static IStatusDisplay CreateDisplay(ViewSettings settings, string heading, out bool terminal)
    {
        var json = settings.Summary == SummaryFormat.Json;
        var statusOut = json ? Console.Error : Console.Out;
        terminal = json ? !Console.IsErrorRedirected : !Console.IsOutputRedirected;
        return terminal
            ? new LiveTableDisplay(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(statusOut) }), heading)
            : new PlainLinesDisplay(statusOut);
    }

    /// <summary>
    /// Shows the status and receives until the view ends, handing each packet to the recording, the montage and then
    /// <paramref name="alsoConsume"/> (before it is disposed); closes the window and notes the recording at the end.
    /// </summary>
    public async Task<ViewOutcome> RunAsync(Action<NetGearPacket>? alsoConsume, CancellationToken cancellation)
    {
        using var stopDisplay = new CancellationTokenSource();
        var displayTask = _display.RunAsync(() => _source.Servers, stopDisplay.Token);
        ViewOutcome outcome;
        try
        {
            outcome = await ReceiveAsync(alsoConsume, cancellation).ConfigureAwait(false);
        }
        finally
        {
            stopDisplay.Cancel();
            await displayTask.ConfigureAwait(false);
        }
        _window?.Dispose();
        if (_recording is not null) _display.Note($"recorded {_recording.Files.Count} file(s) in {_recording.Directory}");
        return outcome;
    }

    private async Task<ViewOutcome> ReceiveAsync(Action<NetGearPacket>? alsoConsume, CancellationToken cancellation)
    {
        var images = _window is null ? null : _images;
        var quietCheck = Environment.TickCount64;
        while (true)
        {
            if (_recording is not null && Environment.TickCount64 - quietCheck >= 1000)
            {
                quietCheck = Environment.TickCount64;
                _recording.FinishQuiet(); // a server gone quiet leaves a finished file, not one open until the end
            }
            if (cancellation.IsCancellationRequested) return ViewOutcome.Interrupted;
            if (_window is { UserClosed: true }) return ViewOutcome.WindowClosed;
            NetGearPacket? packet;
            try
            {
                packet = await _source.ReceiveAsync(Poll, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return ViewOutcome.Interrupted;
            }
            if (packet is not null)
            {
                using (packet)
                {
                    _recording?.Write(packet);
                    if (images is not null && _window!.Failed)
                    {
                        // The window could not open (or died): stop copying frames for it, and free the copies.
                        images = null;
                        _images.Dispose();
                    }
                    images?.Update(packet);
                    alsoConsume?.Invoke(packet);
                }
                continue;
            }
            if (await _source.EndedAsync().ConfigureAwait(false) is { } ended) return ended;
        }
    }

    private MontageWindowLoop? StartWindow(ViewSettings settings, string title)
    {
        if (!settings.Window) return null;
        if (_openWindow is null && !MatWindow.IsDisplayAvailable(out var reason))
        {
            _display.Note($"montage window skipped: {reason}; showing the table only");
            return null;
        }
        var (w, h) = settings.TileSize;
        var loop = new MontageWindowLoop(_images, new MontageBuilder(w, h), () => _source.Servers, title, _display.Note, _openWindow);
        loop.Start();
        return loop;
    }

    /// <summary>How many servers' images are kept for the montage.</summary>
    internal int ImagesKept => _images.Count;

    /// <summary>Closes the window and the recording and frees the montage images.</summary>
    public void Dispose()
    {
        _window?.Dispose();
        _images.Dispose();
        _recording?.Dispose();
    }
}
