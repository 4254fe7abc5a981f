using System.Diagnostics;
using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Serving;

/// <summary>
/// Reads frames from a source and sends them with a server at a steady rate, on its own thread (never a thread-pool
/// thread: Request/Reply sends block), until the source ends, the frame limit is reached or the token is cancelled.
/// </summary>
/// <remarks>
/// Stopping is soft first: the pump stops between frames, so a frame in flight gets its reply and the goodbye that
/// follows travels on the same connection. Only a send still blocked <see cref="HardStopAfter"/> after the stop
/// (e.g. waiting for a client that is not there) is cancelled.
/// </remarks>
internal sealed class FramePump
{
    private readonly IFrameSource _source;
    private readonly NetGearServer _server;
    private readonly Func<long, object?> _message;
    private readonly double _fps;
    private readonly long? _maxFrames;
    private readonly (int Width, int Height)? _resize;
    private long _sent;

    /// <summary>Creates a pump.</summary>
    /// <param name="source">Where frames come from.</param>
    /// <param name="server">Where they go.</param>
    /// <param name="message">The message for frame number n (from 0); may return null.</param>
    /// <param name="fps">Frames per second; 0 for as fast as possible.</param>
    /// <param name="maxFrames">Stop after this many frames; null for no limit.</param>
    /// <param name="resize">Resize frames whose size differs; null to send them as they are.</param>
    public FramePump(IFrameSource source, NetGearServer server, Func<long, object?> message, double fps, long? maxFrames, (int Width, int Height)? resize = null)
    {
        _source = source;
        _server = server;
        _message = message;
        _fps = fps;
        _maxFrames = maxFrames;
        _resize = resize;
    }

    /// <summary>How long a send may still block after the stop before it is cancelled.</summary>
    public static readonly TimeSpan HardStopAfter = TimeSpan.FromSeconds(2);

    /// <summary>Called with the frame's number (from 0) and what the client returned, in bidirectional and multi-client mode.</summary>
    public Action<long, NetGearReply>? OnReply { get; init; }

    /// <summary>Frames sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>
    /// The time between frames at <paramref name="fps"/>: zero for 0 (as fast as possible), and for a rate below
    /// <see cref="ArgumentParsers.MinFps"/> (which the options reject; a video file may claim one) the period of that
    /// lowest rate, never one a timer cannot wait or a <see cref="TimeSpan"/> cannot hold.
    /// </summary>
    public static TimeSpan Period(double fps) => fps > 0 && double.IsFinite(fps)
        ? TimeSpan.FromSeconds(1 / Math.Max(fps, ArgumentParsers.MinFps))
        : TimeSpan.Zero;

    /// <summary>Runs on a new dedicated thread; the task's result is the number of frames sent.</summary>
    public Task<long> RunOnThreadAsync(string name, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(Run(cancellationToken)); }
            catch (Exception ex) { done.SetException(ex); }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    /// <summary>Runs on the calling thread; returns the number of frames sent. Cancellation ends it normally.</summary>
    public long Run(CancellationToken cancellationToken)
    {
        using var mat = new Mat();
        using var resized = new Mat();
        var clock = Stopwatch.StartNew();
        var period = Period(_fps);
        var due = TimeSpan.Zero;
        using var hard = new CancellationTokenSource();
        using var escalate = cancellationToken.Register(() => hard.CancelAfter(HardStopAfter));
        try
        {
            while (!cancellationToken.IsCancellationRequested && (_maxFrames is null || _sent < _maxFrames))
            {
                if (!_source.Read(mat)) break;
                var image = mat;
                if (_resize is { } size && (mat.Width != size.Width || mat.Height != size.Height))
                {
                    Cv2.Resize(mat, resized, new Size(size.Width, size.Height));
                    image = resized;
                }
                var reply = _server.Send(image, _message(_sent), hard.Token);
                if (reply is not null)
                {
                    if (OnReply is { } onReply) onReply(_sent, reply);
                    else reply.Dispose();
                }
                Interlocked.Increment(ref _sent);
                if (period == TimeSpan.Zero) continue;
                due += period;
                var wait = due - clock.Elapsed;
                if (wait < -TimeSpan.FromSeconds(1)) due = clock.Elapsed; // far behind (a slow client): do not burst
                else if (wait > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(wait)) break;
            }
        }
        catch (OperationCanceledException) when (hard.IsCancellationRequested)
        {
            // Ctrl+C or the end of a demo: a normal end.
        }
        return _sent;
    }
}
