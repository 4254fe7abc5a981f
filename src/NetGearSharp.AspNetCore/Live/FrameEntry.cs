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
internal sealed class FrameEntry
{
    private readonly Lock _encodeGate = new();
    private byte[]? _pixels;
    private readonly int _height, _width, _channels;
    private byte[]? _jpeg;

    private FrameEntry(long version, byte[]? jpeg, byte[]? pixels, int height, int width, int channels)
    {
        Version = version;
        _jpeg = jpeg;
        _pixels = pixels;
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
    public static FrameEntry? FromFrame(long version, Frame frame)
    {
        var channels = frame.Rank == 2 ? 1 : frame.Rank == 3 ? frame.Channels : 0;
        if (frame.ElementType != ElementType.UInt8 || channels is not (1 or 3 or 4) || frame.Height < 1 || frame.Width < 1) return null;
        var pixels = ArrayPool<byte>.Shared.Rent(frame.Data.Length);
        frame.Data.CopyTo(pixels);
        return new FrameEntry(version, null, pixels, frame.Height, frame.Width, channels);
    }

    /// <summary>
    /// The JPEG: as it arrived, or encoded now (once; later callers get the same bytes). Null when the raw pixels were
    /// released before anyone asked (a newer frame exists: take that one).
    /// </summary>
    public byte[]? GetJpeg(int quality, Action? encoded = null)
    {
        if (Volatile.Read(ref _jpeg) is { } done) return done;
        lock (_encodeGate)
        {
            if (_jpeg is not null) return _jpeg;
            using var image = PixelsToMat();
            if (image is null) return null;
            Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
            Volatile.Write(ref _jpeg, bytes);
            encoded?.Invoke();
            return bytes;
        }
    }

    /// <summary>
    /// The picture as a BGR or grey Mat (a new Mat the caller disposes), decoding a JPEG when the pixels are not (or no
    /// longer) kept; null when neither is left (released before it was ever encoded).
    /// </summary>
    public Mat? ToMat()
    {
        lock (_encodeGate)
        {
            if (_pixels is not null) return PixelsToMat();
        }
        return Volatile.Read(ref _jpeg) is { } jpeg ? Cv2.ImDecode(jpeg, ImreadModes.Color) : null;
    }

    /// <summary>
    /// Gives the raw pixels back to the pool (after an encode in progress); called once a newer frame replaced this one.
    /// Safe to call more than once, and on JPEG entries (nothing to give back).
    /// </summary>
    public void Release()
    {
        lock (_encodeGate)
        {
            if (_pixels is not { } pixels) return;
            _pixels = null;
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>A BGR or grey copy of the kept pixels, or null once they were released. Called under the gate.</summary>
    private Mat? PixelsToMat()
    {
        if (_pixels is not { } pixels) return null;
        var type = MatType.CV_8UC(_channels);
        using var view = Mat.FromPixelData(_height, _width, type, pixels);
        var copy = new Mat();
        if (_channels == 4) Cv2.CvtColor(view, copy, ColorConversionCodes.BGRA2BGR);
        else view.CopyTo(copy);
        return copy;
    }
}
