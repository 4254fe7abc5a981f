using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Viewing;

/// <summary>The newest image of each server, for the montage. Thread-safe.</summary>
internal sealed class LatestImages : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Mat> _images = new();

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
            if (_images.Remove(packet.Port, out var old)) old.Dispose();
            _images[packet.Port] = copy;
        }
    }

    /// <summary>
    /// Builds a montage of the servers that have joined (in list order, whatever order they arrived in; a server that has
    /// left keeps its tile with its final state), or one "waiting" tile while none has joined yet: the montage grows
    /// as servers join. Holds the lock while the images are read.
    /// </summary>
    public Mat BuildMontage(MontageBuilder builder, IReadOnlyList<ServerInfo> servers)
    {
        lock (_gate)
        {
            var joined = servers.Where(s => s.State != ServerState.Waiting || _images.ContainsKey(s.Port)).ToArray();
            MontageTile[] tiles = joined.Length > 0
                ? joined.Select(s => new MontageTile(s.Port, _images.GetValueOrDefault(s.Port), s.FramesPerSecond, s.State)).ToArray()
                : [new MontageTile(0, null, 0, ServerState.Waiting) { Caption = $"{servers.Count} server(s)" }];
            return builder.Build(tiles);
        }
    }

    /// <summary>Frees the images.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var image in _images.Values) image.Dispose();
            _images.Clear();
        }
    }
}
