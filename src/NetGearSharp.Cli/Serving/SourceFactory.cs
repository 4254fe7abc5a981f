using NetGearSharp.OpenCv;

namespace NetGearSharp.Cli.Serving;

/// <summary>Opens the frame source a <see cref="SourceSpec"/> names.</summary>
internal static class SourceFactory
{
    /// <summary>The size of the test pattern and the size asked of cameras when <c>--size</c> is not given.</summary>
    public static readonly (int Width, int Height) DefaultSize = (640, 480);

    /// <summary>The rate of sources that do not know their own.</summary>
    public const double DefaultFps = 30;

    /// <summary>Opens the source.</summary>
    /// <param name="spec">What to open.</param>
    /// <param name="size">The size asked for (test pattern, camera); null for the default or a file's own size.</param>
    /// <param name="fps">The nominal rate of the test pattern.</param>
    /// <param name="label">Text drawn on the test pattern.</param>
    /// <param name="loop">Loop a video file.</param>
    public static IFrameSource Open(SourceSpec spec, (int Width, int Height)? size, double fps, string label, bool loop) => spec switch
    {
        TestPatternSpec => new TestPatternSource((size ?? DefaultSize).Width, (size ?? DefaultSize).Height, fps, label),
        CameraSpec camera => new CameraSource(camera.Index, size?.Width ?? DefaultSize.Width, size?.Height ?? DefaultSize.Height),
        VideoFileSpec file => new VideoFileSource(file.Path, loop),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown source."),
    };
}
