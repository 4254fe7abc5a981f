using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// The newest image of each server, for the montage. Thread-safe. The lock is held only to swap or snapshot images,
/// never while a montage is drawn: <see cref="Update"/> runs on the viewer's receive loop, and a montage of many large
/// images takes tens of milliseconds. An image replaced while it is being drawn is disposed once the drawing is done.
/// </summary>
internal sealed class LatestImages : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Mat> _images = new();
    /// <summary>Ports without an image whose frames are not images (1-D, empty ...): what their tile says instead.</summary>
    private readonly Dictionary<int, string> _notImages = new();
    /// <summary>Images a montage is drawing now (<see cref="BuildMontage"/>); not disposed until it is done.</summary>
    private readonly HashSet<Mat> _drawing = new(ReferenceEqualityComparer.Instance);
    /// <summary>Images replaced or let go while being drawn: disposed when the drawing is done.</summary>
    private readonly List<Mat> _retired = [];
    private bool _disposed;

    /// <summary>Tests: runs as a montage starts drawing, outside the lock (a drawing can be held open).</summary>
    internal Action? Drawing { get; set; }

    /// <summary>How many servers' images are kept.</summary>
    public int Count
    {
        get { lock (_gate) return _images.Count; }
    }

    /// <summary>
    /// Keeps a copy of the packet's frame as the port's newest image. Frames that are not images (1-D arrays, empty
    /// ones ...) are skipped: the port keeps its last image, or its tile says what came instead. Frames with no Mat form
    /// are skipped too.
    /// </summary>
    public void Update(NetGearPacket packet)
    {
        if (!packet.Frame.IsImage)
        {
            lock (_gate)
            {
                if (!_disposed && !_images.ContainsKey(packet.Port) && !_notImages.ContainsKey(packet.Port))
                    _notImages[packet.Port] = NotAnImage(packet);
            }
            return;
        }
        Mat copy;
        try
        {
            copy = packet.ToDisplayMat(); // a JPEG in RGB, XRGB, CMYK ... shown in its true colours
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return; // e.g. a rank-4 or int64 frame, or one OpenCV refuses: the tile stays a placeholder
        }
        lock (_gate)
        {
            if (_disposed)
            {
                copy.Dispose();
                return;
            }
            if (_images.Remove(packet.Port, out var old)) Retire(old);
            _images[packet.Port] = copy;
            _notImages.Remove(packet.Port);
        }
    }

    /// <summary>The label of a port whose frames are not images, e.g. <c>5566  float32 [4]</c> (its tile says <see cref="NotAnImageWord"/>).</summary>
    private static string NotAnImage(NetGearPacket packet)
        => $"{packet.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}  {packet.Frame.Description}";

    /// <summary>What the tile of a port whose frames are not images says across it.</summary>
    internal const string NotAnImageWord = "NOT AN IMAGE";

    /// <summary>Disposes an image no longer kept, or leaves it to the montage drawing it. Under the lock.</summary>
    private void Retire(Mat image)
    {
        if (_drawing.Contains(image)) _retired.Add(image);
        else image.Dispose();
    }

    /// <summary>
    /// Builds a montage of the servers that have joined (in list order, whatever order they arrived in; a server that has
    /// left keeps its tile with its final state), or one "waiting" tile while none has joined yet: the montage grows
    /// as servers join. The images are drawn outside the lock (see the class); one montage at a time.
    /// </summary>
    public Mat BuildMontage(MontageBuilder builder, IReadOnlyList<ServerInfo> servers)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MontageTile[] tiles;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var joined = servers.Where(s => s.State != ServerState.Waiting || _images.ContainsKey(s.Port)).ToArray();
            tiles = joined.Length > 0
                ? joined.Select(s => new MontageTile(s.Port, _images.GetValueOrDefault(s.Port), s.FramesPerSecond, s.State)
                    {
                        Caption = _notImages.GetValueOrDefault(s.Port),
                        PlaceholderText = _notImages.ContainsKey(s.Port) ? NotAnImageWord : null,
                    }).ToArray()
                : [new MontageTile(0, null, 0, ServerState.Waiting) { Caption = $"{servers.Count} server(s)" }];
            foreach (var tile in tiles)
            {
                if (tile.Image is { } image) _drawing.Add(image);
            }
        }
        try
        {
            Drawing?.Invoke();
            return builder.Build(tiles);
        }
        finally
        {
            lock (_gate)
            {
                _drawing.Clear();
                foreach (var image in _retired) image.Dispose();
                _retired.Clear();
            }
        }
    }

    /// <summary>Frees the images.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var image in _images.Values) Retire(image);
            _images.Clear();
        }
    }
}
