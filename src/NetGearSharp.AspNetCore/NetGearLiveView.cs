using System.Diagnostics;
using NetGearSharp.AspNetCore.Live;
using NetGearSharp.OpenCv;

namespace NetGearSharp.AspNetCore;

/// <summary>
/// What the live web page shows of one <see cref="NetGearClient"/>: the newest frame of each server and the servers'
/// states. Your receive loop hands it every packet with <see cref="Observe"/> (it copies what it needs, so dispose the
/// packet as usual); it never waits for a browser, so watching never slows the servers. Map its endpoints with
/// <see cref="NetGearEndpoints.MapNetGear"/>. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// using var view = new NetGearLiveView(client);
/// app.MapNetGear(view);
/// await foreach (var packet in client.ReadAllAsync(ct))
///     using (packet) view.Observe(packet);
/// </code>
/// </example>
public sealed class NetGearLiveView : IDisposable
{
    private readonly NetGearClient _client;
    private readonly Dictionary<int, FrameSlot> _slots;
    private readonly Lock _changeGate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _encoded;
    private long _passedThrough;
    private bool _disposed;

    /// <summary>Creates the view of <paramref name="client"/>'s servers.</summary>
    /// <exception cref="ArgumentException">An option is outside its range; the message names it and what is allowed.</exception>
    public NetGearLiveView(NetGearClient client, NetGearWebOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new NetGearWebOptions();
        if (options.JpegQuality is < 1 or > 100)
            throw new ArgumentException($"JpegQuality {options.JpegQuality} is outside the allowed range 1-100.", nameof(options));
        if (options.MontageTileSize.Width < 16 || options.MontageTileSize.Height < 16)
            throw new ArgumentException($"MontageTileSize {options.MontageTileSize.Width}x{options.MontageTileSize.Height} is too small; at least 16x16.", nameof(options));
        if (!(options.MontageFramesPerSecond is >= 0.5 and <= 60))
            throw new ArgumentException($"MontageFramesPerSecond {options.MontageFramesPerSecond} is outside the allowed range 0.5-60.", nameof(options));
        if (options.EventInterval < TimeSpan.FromMilliseconds(100) || options.EventInterval > TimeSpan.FromSeconds(10))
            throw new ArgumentException($"EventInterval {options.EventInterval.TotalSeconds} s is outside the allowed range 0.1-10 s.", nameof(options));
        _client = client;
        Options = options;
        _slots = client.Ports.Distinct().ToDictionary(p => p, _ => new FrameSlot());
        Montage = new MontageSource(this, options.MontageTileSize, options.MontageFramesPerSecond, options.JpegQuality);
        client.ServerStateChanged += OnStateChanged;
    }

    /// <summary>The options in use.</summary>
    public NetGearWebOptions Options { get; }

    /// <summary>
    /// This view's id, new for every view (so for every viewer process). Picture numbers start at 1 in each view: the
    /// page compares the id it gets from <c>/events</c> to tell that the viewer restarted and its numbers began again.
    /// </summary>
    internal string Instance { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>A snapshot of every server of the client's list.</summary>
    public IReadOnlyList<ServerInfo> Servers => _client.Servers;

    /// <summary>Counters across all servers.</summary>
    public ClientStatistics Statistics => _client.Statistics;

    /// <summary>The servers' ports.</summary>
    public IReadOnlyCollection<int> Ports => _slots.Keys;

    /// <summary>Raw frames encoded to JPEG so far: at most one per frame, however many browsers watch.</summary>
    public long EncodedFrames => Interlocked.Read(ref _encoded);

    /// <summary>Frames that arrived as JPEG, kept to go out as they came (no decoding and encoding).</summary>
    public long PassedThroughFrames => Interlocked.Read(ref _passedThrough);

    internal Stopwatch Clock { get; } = Stopwatch.StartNew();

    internal MontageSource Montage { get; }

    /// <summary>
    /// Makes the packet's frame its server's newest picture. JPEG bytes kept on the packet (see
    /// <see cref="NetGearClientOptions.KeepJpeg"/>) are passed on as they are; an 8-bit frame (grey, BGR or BGRA; a JPEG
    /// decoded in another colour space is put in that order first) is copied (only while a browser watches that server)
    /// and encoded only when a browser asks for it; other frames leave the picture as it was (before the first picture,
    /// the page says why there is none: e.g. a 1-D array).
    /// </summary>
    public void Observe(NetGearPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!_slots.TryGetValue(packet.Port, out var slot)) return;
        if (!packet.Jpeg.IsEmpty)
        {
            var jpeg = packet.Jpeg.ToArray();
            Interlocked.Increment(ref _passedThrough);
            slot.Publish(v => FrameEntry.FromJpeg(v, jpeg));
            return;
        }
        // A raw frame is copied only while someone watches this server (or before its first picture): no browser, no cost.
        if (slot.Newest is not null && !slot.Wanted)
        {
            if (FrameEntry.IsPicture(packet.Frame)) slot.Skipped(); // the picture kept is older than this one now
            return;
        }
        // A frame the page cannot show (a 1-D array, an empty one, 16-bit ...) leaves the picture; the page says why
        // while there is none.
        if (FrameEntry.IsPicture(packet.Frame)) slot.Publish(v => FromPacket(v, packet));
        else if (slot.Newest is null && slot.NoPicture is null) slot.NoPicture = FrameEntry.WhyNoPicture(packet.Frame);
    }

    /// <summary>
    /// The packet's frame as a picture: as it is, or, for a JPEG that arrived in another colour space than BGR (RGB,
    /// XRGB, CMYK ...) and was not kept, first put in display order (<see cref="DisplayColors"/>).
    /// </summary>
    private static FrameEntry? FromPacket(long version, NetGearPacket packet)
    {
        if (!DisplayColors.NeedsConversion(packet.JpegColorSpace)) return FrameEntry.FromFrame(version, packet.Frame);
        using var shown = packet.ToDisplayMat();
        using var frame = shown.ToFrame();
        return FrameEntry.FromFrame(version, frame);
    }

    internal bool HasPort(int port) => _slots.ContainsKey(port);

    internal FrameSlot? Slot(int port) => _slots.GetValueOrDefault(port);

    internal FrameEntry? NewestFrame(int port) => Slot(port)?.Newest;

    /// <summary>The newest picture for someone who looks at it now (keeps raw frames coming for a while).</summary>
    internal FrameEntry? LookAt(int port)
    {
        if (Slot(port) is not { } slot) return null;
        slot.MarkWanted();
        return slot.Newest;
    }

    /// <summary>
    /// The newest picture of a server as a Mat the caller disposes (keeps raw frames coming, as <see cref="LookAt"/>), or
    /// null before its first. The newest frame can be replaced, its pixels given back, between the look and the copy:
    /// then the newer one is taken (a few tries; frames come fast).
    /// </summary>
    internal OpenCvSharp.Mat? PictureOf(int port)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (LookAt(port) is not { } entry) return null;
            if (entry.ToMat() is { } picture) return picture;
        }
        return null;
    }

    /// <summary>The JPEG of an entry, counting encodes; null when a newer frame replaced it before it was encoded.</summary>
    internal byte[]? JpegOf(FrameEntry entry) => entry.GetJpeg(Options.JpegQuality, () => Interlocked.Increment(ref _encoded));

    /// <summary>Completes at the next state change of any server.</summary>
    internal Task NextChange()
    {
        lock (_changeGate) return _changed.Task;
    }

    private void OnStateChanged(object? sender, ServerEventArgs e)
    {
        TaskCompletionSource woken;
        lock (_changeGate)
        {
            woken = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        woken.TrySetResult();
    }

    /// <summary>Stops following the client's state changes.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _client.ServerStateChanged -= OnStateChanged;
    }
}
