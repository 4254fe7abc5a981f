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
    /// <exception cref="UsageException">A file that OpenCV cannot read as a video (<c>--source</c>).</exception>
    public static IFrameSource Open(SourceSpec spec, (int Width, int Height)? size, double fps, string label, bool loop) => spec switch
    {
        TestPatternSpec => new TestPatternSource((size ?? DefaultSize).Width, (size ?? DefaultSize).Height, fps, label),
        CameraSpec camera => new CameraSource(camera.Index, size?.Width ?? DefaultSize.Width, size?.Height ?? DefaultSize.Height),
        VideoFileSpec file => OpenFile(file.Path, loop),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown source."),
    };

    private static VideoFileSource OpenFile(string path, bool loop)
    {
        try
        {
            return new VideoFileSource(path, loop);
        }
        catch (InvalidDataException)
        {
            throw new UsageException("--source", $"OpenCV cannot read '{path}' as a video (or as an image); give a video file, a still image, camera:N or testsrc.");
        }
    }
}
