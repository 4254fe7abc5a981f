using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>Frames of a video file (any format OpenCV's bundled backends read), optionally looping.</summary>
public sealed class VideoFileSource : IFrameSource
{
    private VideoCapture _capture;
    private readonly bool _loop;

    /// <summary>Opens the file.</summary>
    /// <param name="path">The video file.</param>
    /// <param name="loop">Start again at the first frame when the file ends.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">OpenCV cannot read it as a video.</exception>
    public VideoFileSource(string path, bool loop = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Video file '{path}' does not exist.", path);
        Path = path;
        _loop = loop;
        _capture = new VideoCapture(path);
        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            throw new InvalidDataException($"OpenCV cannot open '{path}' as a video.");
        }
        Width = _capture.FrameWidth;
        Height = _capture.FrameHeight;
        var fps = _capture.Fps;
        FramesPerSecond = double.IsFinite(fps) && fps > 0 ? fps : 0;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Description => $"file {System.IO.Path.GetFileName(Path)} {Width}x{Height}{(_loop ? " (loop)" : "")}";

    /// <inheritdoc />
    public int Width { get; }

    /// <inheritdoc />
    public int Height { get; }

    /// <inheritdoc />
    public double FramesPerSecond { get; }

    /// <inheritdoc />
    public bool Read(Mat destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_capture.Read(destination) && !destination.Empty()) return true;
        if (!_loop) return false;
        _capture.Set(VideoCaptureProperties.PosFrames, 0);
        if (_capture.Read(destination) && !destination.Empty()) return true;
        // Some backends cannot seek back (a still image read as a one-frame video): open the file again.
        var reopened = new VideoCapture(Path);
        if (!reopened.IsOpened())
        {
            reopened.Dispose();
            return false;
        }
        _capture.Dispose();
        _capture = reopened;
        return _capture.Read(destination) && !destination.Empty();
    }

    /// <inheritdoc />
    public void Dispose() => _capture.Dispose();
}
