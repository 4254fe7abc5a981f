using System.Buffers;
using OpenCvSharp;

namespace NetGearSharp.AspNetCore.Live;

/// <summary>
/// One newest frame of a server, immutable once published: its JPEG as it arrived, or its raw 8-bit pixels (encoded to
/// JPEG at most once, the first time someone asks). Raw pixels live in a buffer rented from the shared array pool: a
/// new 900 KB array per watched frame would be a large-object allocation 30 times a second per camera, whose gen-2
/// collections pause the whole process (20 MJPEG readers of 4 raw cameras cost 29 % of their frame rate that way). The
/// slot gives the buffer back (<see cref="Release"/>) once a newer frame has replaced this one; a picture not encoded
/// by then is simply skipped.
/// </summary>
/// <remarks>
/// The buffer is reference-counted: the slot holds one reference until <see cref="Release"/>, and an encode or copy
/// holds one while it reads the pixels. Whoever drops the last reference gives the buffer back, so it goes back exactly
/// once, and <see cref="Release"/> (called on the viewer's receive loop) never waits for an encode in progress.
/// </remarks>
internal sealed class FrameEntry
{
    private readonly Lock _encodeGate = new();
    private readonly byte[]? _pixels;
    private readonly ArrayPool<byte> _pool;
    private readonly int _height, _width, _channels;
    private byte[]? _jpeg;
    private int _references;   // 1 for the slot (until Release) + 1 per reader of the pixels; 0 once they went back
    private int _released;     // 1 once the slot's reference was dropped

    private FrameEntry(long version, byte[]? jpeg, byte[]? pixels, int height, int width, int channels, ArrayPool<byte>? pool = null)
    {
        _pool = pool ?? ArrayPool<byte>.Shared;
        Version = version;
        _jpeg = jpeg;
        _pixels = pixels;
        _references = pixels is null ? 0 : 1;
        _height = height;
        _width = width;
        _channels = channels;
    }

    /// <summary>The frame's number in its slot, from 1.</summary>
    public long Version { get; }

    /// <summary>Whether the server sent the JPEG (it goes out unchanged).</summary>
    public bool PassedThrough { get; private init; }

    public static FrameEntry FromJpeg(long version, byte[] jpeg) => new(version, jpeg, null, 0, 0, 0) { PassedThrough = true };

    /// <summary>A copy of an 8-bit frame of 1, 3 (BGR) or 4 (BGRA) channels; null for any other frame (no picture).</summary>
    public static FrameEntry? FromFrame(long version, Frame frame) => FromFrame(version, frame, ArrayPool<byte>.Shared);

    /// <summary>Whether the page can show <paramref name="frame"/>: an 8-bit image of 1, 3 or 4 channels.</summary>
    public static bool IsPicture(Frame frame)
        => frame.IsImage && frame.ElementType == ElementType.UInt8 && (frame.Rank == 2 ? 1 : frame.Channels) is 1 or 3 or 4;

    /// <summary>Why the page shows no picture for <paramref name="frame"/>, e.g. <c>float32 [4]: not an image</c>; null when it can.</summary>
    public static string? WhyNoPicture(Frame frame)
    {
        if (IsPicture(frame)) return null;
        var what = frame.Description;
        return frame.IsImage ? $"{what}: the page shows 8-bit images of 1, 3 or 4 channels" : $"{what}: not an image";
    }

    /// <summary>As <see cref="FromFrame(long, Frame)"/>, renting the pixel buffer from <paramref name="pool"/> (tests count returns).</summary>
    internal static FrameEntry? FromFrame(long version, Frame frame, ArrayPool<byte> pool)
    {
        if (!IsPicture(frame)) return null;
        var channels = frame.Rank == 2 ? 1 : frame.Channels;
        var pixels = pool.Rent(frame.Data.Length);
        frame.Data.CopyTo(pixels);
        return new FrameEntry(version, null, pixels, frame.Height, frame.Width, channels, pool);
    }

    /// <summary>
    /// The JPEG: as it arrived, or encoded now (once; later callers get the same bytes). Null when the raw pixels were
    /// released before anyone asked (a newer frame exists: take that one). <paramref name="encoded"/> runs after an
    /// encode, on the encoding thread, while the pixels are still held.
    /// </summary>
    public byte[]? GetJpeg(int quality, Action? encoded = null)
    {
        if (Volatile.Read(ref _jpeg) is { } done) return done;
        // Only encoders take this gate (so a frame is encoded at most once); Release never does.
        lock (_encodeGate)
        {
            if (_jpeg is not null) return _jpeg;
            if (!TryHoldPixels()) return null;
            try
            {
                using var image = PixelsToMat();
                Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
                Volatile.Write(ref _jpeg, bytes);
                encoded?.Invoke();
                return bytes;
            }
            finally
            {
                DropPixels();
            }
        }
    }

    /// <summary>
    /// The picture as a BGR or grey Mat (a new Mat the caller disposes), decoding a JPEG when the pixels are not (or no
    /// longer) kept; null when neither is left (released before it was ever encoded).
    /// </summary>
    public Mat? ToMat()
    {
        if (TryHoldPixels())
        {
            try
            {
                return PixelsToMat();
            }
            finally
            {
                DropPixels();
            }
        }
        return Volatile.Read(ref _jpeg) is { } jpeg ? Cv2.ImDecode(jpeg, ImreadModes.Color) : null;
    }

    /// <summary>
    /// Gives the raw pixels back to the pool; called once a newer frame replaced this one. Never waits: an encode or copy
    /// in progress keeps the pixels and gives them back when it ends. Safe to call more than once, and on JPEG entries
    /// (nothing to give back).
    /// </summary>
    public void Release()
    {
        if (_pixels is null || Interlocked.Exchange(ref _released, 1) != 0) return;
        DropPixels();
    }

    /// <summary>Takes a reference to the pixels unless they already went back (then false).</summary>
    private bool TryHoldPixels()
    {
        if (_pixels is null) return false;
        var seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (before == seen) return true;
            seen = before;
        }
        return false;
    }

    /// <summary>Drops a reference to the pixels; the last one gives the buffer back to the pool.</summary>
    private void DropPixels()
    {
        if (Interlocked.Decrement(ref _references) == 0) _pool.Return(_pixels!);
    }

    /// <summary>A BGR or grey copy of the pixels. Called only while holding a reference to them.</summary>
    private Mat PixelsToMat()
    {
        var type = MatType.CV_8UC(_channels);
        using var view = Mat.FromPixelData(_height, _width, type, _pixels!);
        var copy = new Mat();
        if (_channels == 4) Cv2.CvtColor(view, copy, ColorConversionCodes.BGRA2BGR);
        else view.CopyTo(copy);
        return copy;
    }
}
