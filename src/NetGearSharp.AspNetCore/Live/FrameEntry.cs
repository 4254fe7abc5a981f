using OpenCvSharp;

namespace NetGearSharp.AspNetCore.Live;

/// <summary>
/// One newest frame of a server, immutable once published: its JPEG as it arrived, or its raw 8-bit pixels (encoded to
/// JPEG at most once, the first time someone asks).
/// </summary>
internal sealed class FrameEntry
{
    private readonly Lock _encodeGate = new();
    private readonly byte[]? _pixels;
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
        return new FrameEntry(version, null, frame.Data.ToArray(), frame.Height, frame.Width, channels);
    }

    /// <summary>The JPEG: as it arrived, or encoded now (once; later callers get the same bytes).</summary>
    public byte[] GetJpeg(int quality, Action? encoded = null)
    {
        if (Volatile.Read(ref _jpeg) is { } done) return done;
        lock (_encodeGate)
        {
            if (_jpeg is not null) return _jpeg;
            using var image = ToMat();
            Cv2.ImEncode(".jpg", image, out var bytes, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
            Volatile.Write(ref _jpeg, bytes);
            encoded?.Invoke();
            return bytes;
        }
    }

    /// <summary>The picture as a BGR or grey Mat (a new Mat the caller disposes), decoding a passed-through JPEG.</summary>
    public Mat ToMat()
    {
        if (_pixels is null) return Cv2.ImDecode(_jpeg!, ImreadModes.Color);
        var type = MatType.CV_8UC(_channels);
        using var view = Mat.FromPixelData(_height, _width, type, _pixels);
        var copy = new Mat();
        if (_channels == 4) Cv2.CvtColor(view, copy, ColorConversionCodes.BGRA2BGR);
        else view.CopyTo(copy);
        return copy;
    }
}
