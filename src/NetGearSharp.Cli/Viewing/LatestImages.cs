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

    /// <summary>Keeps a copy of the packet's frame as the port's newest image (frames with no Mat form are skipped).</summary>
    public void Update(NetGearPacket packet)
    {
        Mat copy;
        try
        {
            copy = packet.ToMat();
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
        }
    }

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
                ? joined.Select(s => new MontageTile(s.Port, _images.GetValueOrDefault(s.Port), s.FramesPerSecond, s.State)).ToArray()
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
