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
    /// <exception cref="ArgumentException">
    /// The image is not uint8 with 1 (grey), 3 (BGR) or 4 (BGRA) channels, or is empty; refused before the port's file is
    /// made. The message names the port, the channels and the element type.
    /// </exception>
    /// <exception cref="IOException">The file cannot be opened for writing.</exception>
    public void Write(int port, Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var channels = image.Channels();
        if (image.Depth() != MatType.CV_8U || channels is not (1 or 3 or 4))
            throw new ArgumentException(
                $"Cannot record port {port}: its image has {channels} channels of {ElementTypeName(image.Depth())}; a video holds uint8 images of 1, 3 or 4 channels (grey, BGR, BGRA).",
                nameof(image));
        if (image.Empty() || image.Dims != 2)
            throw new ArgumentException($"Cannot record port {port}: its image is empty or not 2-D ({image.Dims} dimensions, {image.Rows}x{image.Cols}).", nameof(image));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _writers.GetOrAdd(port, p => Open(p, image.Size()));
            using var bgr = ToBgr(image, writer.FrameSize);
            writer.Write(bgr);
        }
    }

    /// <summary>The NumPy name of an OpenCV depth (<c>uint16</c> ...), or the OpenCV code when it has none.</summary>
    private static string ElementTypeName(int depth)
    {
        try
        {
            return MatDepths.ToElementType(depth).WireName();
        }
        catch (ArgumentException)
        {
            return $"OpenCV depth {depth}";
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
