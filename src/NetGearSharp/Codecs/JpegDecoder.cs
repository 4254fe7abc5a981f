using System.Diagnostics.CodeAnalysis;

namespace NetGearSharp.Codecs;

/// <summary>
/// Decodes JPEG data with libjpeg-turbo straight into pooled frame memory, as the client decodes JPEG frames: for
/// applications that receive JPEG from elsewhere (a forwarded stream, a file). Not thread-safe: one decoder per thread.
/// Keeps no state from one JPEG to the next: after any error its TurboJPEG handle is replaced by a fresh one, so bad
/// data never spoils the next, valid JPEG. Needs the TurboJPEG library (Debian package <c>libturbojpeg0</c>).
/// </summary>
public sealed unsafe class JpegDecoder : IDisposable
{
    /// <summary>The default of <see cref="MaxFrameBytes"/>: 1 GiB.</summary>
    public const long DefaultMaxFrameBytes = 1L << 30;

    private IntPtr _handle;
    private readonly long _maxFrameBytes = DefaultMaxFrameBytes;

    /// <summary>Creates a decoder.</summary>
    /// <exception cref="JpegUnavailableException">The TurboJPEG library cannot be loaded.</exception>
    public JpegDecoder() => _handle = TurboJpegNative.Create(compress: false);

    /// <summary>Use the fast, slightly less exact inverse DCT (VidGear's <c>dct</c>). Default <c>false</c>.</summary>
    public bool FastDct { get; init; }

    /// <summary>Use fast chroma upsampling (VidGear's <c>ups</c>). Default <c>false</c>.</summary>
    public bool FastUpsample { get; init; }

    /// <summary>The largest decoded frame accepted, in bytes (width x height x channels), so a small hostile JPEG that
    /// claims a huge size is refused before memory is taken. 1 to <see cref="Array.MaxLength"/>; default <see cref="DefaultMaxFrameBytes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="Array.MaxLength"/>.</exception>
    public long MaxFrameBytes
    {
        get => _maxFrameBytes;
        init => _maxFrameBytes = value >= 1 && value <= Array.MaxLength
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), value, $"MaxFrameBytes {value} is outside the allowed range 1-{Array.MaxLength}.");
    }

    /// <summary>Decodes <paramref name="jpeg"/> into a uint8 frame of <paramref name="colorSpace"/>: <c>[h, w]</c> for
    /// <see cref="JpegColorSpace.Gray"/>, <c>[h, w, channels]</c> otherwise. Bad data is not an exception: it returns false with
    /// the reason, as does a colour space the JPEG cannot be decoded into (a CMYK JPEG decodes only into
    /// <see cref="JpegColorSpace.Cmyk"/>, and nothing else does).</summary>
    /// <param name="jpeg">The JPEG bytes.</param>
    /// <param name="colorSpace">The pixel layout to decode into (what the sender's <c>compression.colorspace</c> says).</param>
    /// <param name="frame">The frame (its memory is pooled: dispose it when done), or null.</param>
    /// <param name="error">Why the data could not be decoded (not a JPEG, corrupt, empty, larger than <see cref="MaxFrameBytes"/>), or null.</param>
    /// <returns><c>true</c> when <paramref name="frame"/> was decoded.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="colorSpace"/> is not a defined value.</exception>
    /// <exception cref="ObjectDisposedException">The decoder was disposed.</exception>
    public bool TryDecode(ReadOnlySpan<byte> jpeg, JpegColorSpace colorSpace, [NotNullWhen(true)] out Frame? frame, [NotNullWhen(false)] out string? error)
    {
        if (!Enum.IsDefined(colorSpace))
            throw new ArgumentOutOfRangeException(nameof(colorSpace), colorSpace, $"JPEG colour space {(int)colorSpace} is not one of {string.Join(", ", Enum.GetNames<JpegColorSpace>())}.");
        frame = Decode(jpeg, colorSpace, FastDct, FastUpsample, MaxFrameBytes, out _, out error);
        if (frame is null)
        {
            error ??= "the JPEG could not be decoded";
            return false;
        }
        return true;
    }

    /// <summary>Decodes <paramref name="jpeg"/> into a frame of the given colour space (the client's path: settings per call, the kind of error for its statistics).</summary>
    /// <returns>The frame, or null with <paramref name="error"/> set when the data is not a JPEG or too large.</returns>
    internal Frame? Decode(ReadOnlySpan<byte> jpeg, JpegColorSpace space, bool fastDct, bool fastUpsample, long maxBytes,
        out MalformedKind? error, out string? reason)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        error = null;
        reason = null;
        int width, height, subsamp, colorspace;
        fixed (byte* src = jpeg)
        {
            if (jpeg.Length == 0 || TurboJpegNative.tjDecompressHeader3(_handle, src, (nuint)jpeg.Length, &width, &height, &subsamp, &colorspace) != 0)
            {
                error = MalformedKind.CorruptJpeg;
                reason = "not a JPEG: " + TurboJpegNative.ErrorOf(_handle);
                Reset();
                return null;
            }
            if (CmykMismatch(space, colorspace) is { } mismatch)
            {
                error = MalformedKind.CorruptJpeg;
                reason = mismatch;
                Reset();
                return null;
            }
            if (width <= 0 || height <= 0)
            {
                // libjpeg-turbo reads some garbage after a JPEG's first marker as a picture of no size.
                error = MalformedKind.CorruptJpeg;
                reason = $"not a JPEG: its header gives a picture of {width}x{height} pixels";
                Reset();
                return null;
            }
            var channels = JpegColorSpaces.Channels(space);
            var bytes = (long)width * height * channels;
            if (bytes > maxBytes || bytes > Array.MaxLength)
            {
                error = MalformedKind.FrameTooLarge;
                reason = $"JPEG of {width}x{height} decodes to {bytes} bytes, more than the maximum of {maxBytes}";
                Reset();
                return null;
            }
            var buffer = FrameBuffers.Rent((int)bytes);
            var flags = (fastDct ? TurboJpegNative.FlagFastDct : 0) | (fastUpsample ? TurboJpegNative.FlagFastUpsample : 0);
            int rc;
            fixed (byte* dst = buffer)
            {
                rc = TurboJpegNative.tjDecompress2(_handle, src, (nuint)jpeg.Length, dst, width, width * channels, height,
                    TurboJpegNative.PixelFormatOf(space), flags);
            }
            if (rc != 0)
            {
                FrameBuffers.Return(buffer);
                error = MalformedKind.CorruptJpeg;
                reason = "JPEG decoding failed: " + TurboJpegNative.ErrorOf(_handle);
                Reset();
                return null;
            }
            int[] shape = channels == 1 ? [height, width] : [height, width, channels];
            return FrameBuffers.ToFrame(ElementType.UInt8, shape, buffer, (int)bytes);
        }
    }

    /// <summary>
    /// Why a JPEG of TurboJPEG colour space <paramref name="jpegColorSpace"/> cannot be decoded into <paramref name="space"/>,
    /// or null when it can: libjpeg-turbo turns CMYK (and YCCK) JPEGs into CMYK only, and nothing else into CMYK.
    /// </summary>
    private static string? CmykMismatch(JpegColorSpace space, int jpegColorSpace)
    {
        var cmykJpeg = jpegColorSpace is TurboJpegNative.JpegCmyk or TurboJpegNative.JpegYcck;
        if (space == JpegColorSpace.Cmyk && !cmykJpeg)
            return "the header says CMYK but the JPEG holds no CMYK colour; only a CMYK (or YCCK) JPEG decodes into CMYK";
        if (space != JpegColorSpace.Cmyk && cmykJpeg)
            return $"the JPEG holds CMYK colour, which decodes only into CMYK, not into the header's {space.WireName()}";
        return null;
    }

    /// <summary>How many times the handle was recreated after an error (tests read it).</summary>
    internal int Resets { get; private set; }

    /// <summary>Replaces the handle by a fresh one, so nothing of a failed payload reaches the next.</summary>
    private void Reset()
    {
        TurboJpegNative.tjDestroy(_handle);
        _handle = IntPtr.Zero;
        _handle = TurboJpegNative.Create(compress: false);
        Resets++;
    }

    /// <summary>Frees the TurboJPEG handle. The decoder cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (_handle != IntPtr.Zero) TurboJpegNative.tjDestroy(_handle);
        _handle = IntPtr.Zero;
    }
}
