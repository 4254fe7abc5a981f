using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.AspNetCore.Live;

/// <summary>
/// The montage of every joined server for <c>/montage.mjpg</c>: built only while someone watches, at most
/// <c>framesPerSecond</c> times a second, once for all watchers.
/// </summary>
internal sealed class MontageSource
{
    private readonly NetGearLiveView _view;
    private readonly MontageBuilder _builder;
    private readonly TimeSpan _interval;
    private readonly int _quality;
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly FrameSlot _slot = new();
    private long _builtAt = -1;

    public MontageSource(NetGearLiveView view, (int Width, int Height) tile, double framesPerSecond, int quality)
    {
        _view = view;
        _builder = new MontageBuilder(tile.Width, tile.Height);
        _interval = TimeSpan.FromSeconds(1 / framesPerSecond);
        _quality = quality;
    }

    /// <summary>A montage newer than <paramref name="version"/>, built when the last is old enough (waits until then).</summary>
    public async Task<FrameEntry> NextAsync(long version, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_slot.Newest is { } newest && newest.Version > version) return newest;
            var builtAt = Interlocked.Read(ref _builtAt);
            if (builtAt >= 0)
            {
                var due = TimeSpan.FromTicks(builtAt) + _interval - _view.Clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }
            await _building.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_slot.Newest is { } built && built.Version > version) return built;
                if (Interlocked.Read(ref _builtAt) is var last && last >= 0 && _view.Clock.Elapsed < TimeSpan.FromTicks(last) + _interval) continue;
                var jpeg = Build();
                _slot.Publish(v => FrameEntry.FromJpeg(v, jpeg));
                Interlocked.Exchange(ref _builtAt, _view.Clock.Elapsed.Ticks);
            }
            finally
            {
                _building.Release();
            }
        }
    }

    private byte[] Build()
    {
        var servers = _view.Servers;
        var shown = servers.Where(s => s.State != ServerState.Waiting).ToList();
        var images = new List<Mat?>();
        try
        {
            var tiles = new List<MontageTile>();
            if (shown.Count == 0) tiles.Add(new MontageTile(0, null, 0, ServerState.Waiting) { Caption = $"{servers.Count} server(s)" });
            foreach (var s in shown)
            {
                var port = s.Port;
                var image = _view.PictureOf(port);
                images.Add(image);
                // A server whose frames are not pictures (1-D arrays ...) says so on its tile, as on the page.
                var why = image is null ? _view.Slot(port)?.NoPicture : null;
                tiles.Add(new MontageTile(port, image, s.FramesPerSecond, s.State)
                {
                    Caption = why is null ? null : $"{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}  {why}",
                    PlaceholderText = why is null ? null : "NO PICTURE",
                });
            }
            using var montage = _builder.Build(tiles);
            Cv2.ImEncode(".jpg", montage, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, _quality));
            return bytes;
        }
        finally
        {
            foreach (var image in images) image?.Dispose();
        }
    }
}
