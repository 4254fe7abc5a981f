using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>Frames of a camera, by OpenCV index (0 is <c>/dev/video0</c> on Linux).</summary>
public sealed class CameraSource : IFrameSource
{
    private readonly VideoCapture _capture;

    /// <summary>Opens the camera, asking for the given size when one is given.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative.</exception>
    /// <exception cref="InvalidOperationException">No camera with that index can be opened.</exception>
    public CameraSource(int index, int? width = null, int? height = null)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, "camera index must be 0 or more.");
        Index = index;
        _capture = new VideoCapture(index);
        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            throw new InvalidOperationException($"Camera {index} cannot be opened (is it connected, and is /dev/video{index} readable?).");
        }
        if (width is > 0) _capture.FrameWidth = width.Value;
        if (height is > 0) _capture.FrameHeight = height.Value;
        Width = _capture.FrameWidth;
        Height = _capture.FrameHeight;
        var fps = _capture.Fps;
        FramesPerSecond = double.IsFinite(fps) && fps > 0 ? fps : 0;
    }

    /// <summary>The camera index.</summary>
    public int Index { get; }

    /// <inheritdoc />
    public string Description => $"camera {Index} {Width}x{Height}";

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
        return _capture.Read(destination) && !destination.Empty();
    }

    /// <inheritdoc />
    public void Dispose() => _capture.Dispose();
}
