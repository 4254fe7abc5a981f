using System.Globalization;
using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// A built-in moving test pattern (BGR, 8 bits): scrolling colour bars, a bouncing ball, and the label (e.g. the
/// server's port), the frame counter and the time drawn on it. Each label moves in its own phase, so several servers
/// started together seldom show the same picture (the motion repeats within a few hundred frames, so two labels can meet
/// in one phase); give each source its own <c>phase</c> to be sure. Any size; never ends. Needs no camera.
/// </summary>
public sealed class TestPatternSource : IFrameSource
{
    private static readonly Scalar[] Bars =
    [
        new(255, 255, 255), new(0, 255, 255), new(255, 255, 0), new(0, 255, 0),
        new(255, 0, 255), new(0, 0, 255), new(255, 0, 0), new(40, 40, 40),
    ];

    /// <summary>The largest phase allowed: far beyond any motion's period, and far from overflowing the frame arithmetic.</summary>
    private const long MaxPhase = 1_000_000_000;

    private readonly Mat _background;
    private readonly string _label;
    private readonly TimeProvider _clock;
    /// <summary>Where in its motion the pattern starts: the caller's phase, or from the label (see <see cref="PhaseOf"/>).</summary>
    private readonly long _phase;
    private long _frame;

    /// <summary>Creates a test pattern.</summary>
    /// <param name="width">Width in pixels, 16-7680.</param>
    /// <param name="height">Height in pixels, 16-4320.</param>
    /// <param name="framesPerSecond">The nominal rate reported by <see cref="FramesPerSecond"/> (the caller paces).</param>
    /// <param name="label">Text drawn on every frame, e.g. <c>port 5566</c>.</param>
    /// <param name="clock">The clock for the drawn time; default the system clock.</param>
    /// <param name="phase">Where in its motion the pattern starts, 0-1,000,000,000 (e.g. 97 apart for a few sources, as
    /// <c>netgear demo</c> does); default: from the number at the end of <paramref name="label"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside the allowed range, or <paramref name="phase"/> is outside 0-1,000,000,000.</exception>
    public TestPatternSource(int width, int height, double framesPerSecond = 30, string label = "", TimeProvider? clock = null, long? phase = null)
    {
        if (width is < 16 or > 7680) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be 16-7680 pixels.");
        if (height is < 16 or > 4320) throw new ArgumentOutOfRangeException(nameof(height), height, "height must be 16-4320 pixels.");
        Width = width;
        Height = height;
        FramesPerSecond = framesPerSecond;
        _label = label ?? "";
        if (phase is < 0 or > MaxPhase) throw new ArgumentOutOfRangeException(nameof(phase), phase, $"phase must be 0-{MaxPhase}.");
        _phase = phase ?? PhaseOf(_label);
        _clock = clock ?? TimeProvider.System;
        _background = new Mat(height, width * 2, MatType.CV_8UC3, Scalar.Black);
        var barWidth = Math.Max(1, width / Bars.Length);
        for (var x = 0; x < width * 2; x += barWidth)
        {
            var color = Bars[x / barWidth % Bars.Length];
            Cv2.Rectangle(_background, new Rect(x, 0, barWidth, height), color, -1);
        }
    }

    /// <inheritdoc />
    public string Description => $"testsrc {Width}x{Height}";

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public int Height { get; }

    /// <inheritdoc />
    public double FramesPerSecond { get; }

    /// <summary>Frames drawn so far.</summary>
    public long FrameCount => _frame;

    /// <inheritdoc />
    public bool Read(Mat destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var n = _frame++;
        var m = n + _phase; // the motion's position; the counter drawn is the frame's own
        var shift = (int)(m * 4 % Width);
        using (var window = new Mat(_background, new Rect(shift, 0, Width, Height)))
        {
            window.CopyTo(destination);
        }
        var radius = Math.Max(4, Math.Min(Width, Height) / 12);
        var x = Bounce(m * 7, Width - 2 * radius) + radius;
        var y = Bounce(m * 5, Height - 2 * radius) + radius;
        Cv2.Circle(destination, new Point(x, y), radius, Scalar.Black, -1, LineTypes.AntiAlias);
        Cv2.Circle(destination, new Point(x, y), radius * 2 / 3, new Scalar(0, 128, 255), -1, LineTypes.AntiAlias);

        var scale = Math.Max(0.35, Height / 480.0);
        var time = _clock.GetLocalNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var lines = new[] { _label, $"frame {n}", time };
        var lineHeight = (int)(34 * scale);
        var top = Height - lineHeight * lines.Length - (int)(10 * scale);
        var boxHeight = lineHeight * lines.Length + (int)(10 * scale);
        Cv2.Rectangle(destination, new Rect(0, Math.Max(0, top - (int)(6 * scale)), Width, Math.Min(Height, boxHeight + (int)(6 * scale))), Scalar.Black, -1);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            Cv2.PutText(destination, lines[i], new Point((int)(10 * scale), top + lineHeight * (i + 1) - (int)(8 * scale)),
                HersheyFonts.HersheySimplex, scale, Scalar.White, Math.Max(1, (int)(2 * scale)), LineTypes.AntiAlias);
        }
        return true;
    }

    /// <summary>
    /// The phase of a label's motion, 0-999: from the number it ends with (a port: neighbouring ports are 97 frames
    /// apart), else from its characters; 0 for no label.
    /// </summary>
    private static long PhaseOf(string label)
    {
        var end = label.Length;
        while (end > 0 && char.IsAsciiDigit(label[end - 1])) end--;
        if (end < label.Length && long.TryParse(label.AsSpan(end, Math.Min(label.Length - end, 9)), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return number * 97 % 1000;
        long hash = 0;
        foreach (var c in label) hash = (hash * 31 + c) % 1000;
        return hash;
    }

    private static int Bounce(long position, int range)
    {
        if (range <= 0) return 0;
        var period = 2L * range;
        var p = position % period;
        return (int)(p < range ? p : period - p);
    }

    /// <inheritdoc />
    public void Dispose() => _background.Dispose();
}
