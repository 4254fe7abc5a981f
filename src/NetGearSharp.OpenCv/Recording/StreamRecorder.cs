using System.Collections.Concurrent;
using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Writes each server's frames to its own video file, <c>DIR/netgear-PORT.avi</c> (Motion-JPEG, which OpenCV writes
/// without FFmpeg). The size is fixed by a server's first frame; later frames of another size are resized.
/// </summary>
public sealed class StreamRecorder : IDisposable
{
    private readonly ConcurrentDictionary<int, VideoWriter> _writers = new();
    private readonly double _fps;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Creates the directory if needed.</summary>
    /// <param name="directory">Where the files go.</param>
    /// <param name="framesPerSecond">The rate written into the files' headers.</param>
    public StreamRecorder(string directory, double framesPerSecond = 30)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!(framesPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "frames per second must be positive.");
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        _fps = framesPerSecond;
    }

    /// <summary>The directory written to.</summary>
    public string Directory { get; }

    /// <summary>The file a port's stream is written to.</summary>
    public string PathFor(int port) => Path.Combine(Directory, $"netgear-{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}.avi");

    /// <summary>The files opened so far.</summary>
    public IReadOnlyCollection<string> Files => _writers.Keys.Select(PathFor).ToArray();

    /// <summary>Appends a frame (8-bit, 1, 3 or 4 channels) to the port's file.</summary>
    /// <exception cref="ArgumentException">The image is not 8-bit.</exception>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    public void Write(int port, Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Depth() != MatType.CV_8U)
            throw new ArgumentException($"Only 8-bit images can be recorded; port {port} sent depth {image.Depth()}.", nameof(image));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _writers.GetOrAdd(port, p => Open(p, image.Size()));
            using var bgr = ToBgr(image, writer.FrameSize);
            writer.Write(bgr);
        }
    }

    private VideoWriter Open(int port, Size size)
    {
        var path = PathFor(port);
        var writer = new VideoWriter(path, FourCC.MJPG, _fps, size, isColor: true);
        if (!writer.IsOpened())
        {
            writer.Dispose();
            throw new IOException($"Cannot open '{path}' for writing a Motion-JPEG video.");
        }
        return writer;
    }

    private static Mat ToBgr(Mat image, Size size)
    {
        var bgr = new Mat();
        switch (image.Channels())
        {
            case 1: Cv2.CvtColor(image, bgr, ColorConversionCodes.GRAY2BGR); break;
            case 4: Cv2.CvtColor(image, bgr, ColorConversionCodes.BGRA2BGR); break;
            default: image.CopyTo(bgr); break;
        }
        if (bgr.Size() != size) Cv2.Resize(bgr, bgr, size);
        return bgr;
    }

    /// <summary>Finishes and closes every file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var writer in _writers.Values) writer.Dispose();
        }
    }
}
