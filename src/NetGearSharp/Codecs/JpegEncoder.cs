namespace NetGearSharp.Codecs;

/// <summary>
/// Compresses uint8 frames to JPEG with libjpeg-turbo, as VidGear's simplejpeg does (the quality, chroma subsampling
/// and fast-DCT setting of its <see cref="JpegOptions"/>; grey for one channel): what a server sends with
/// <see cref="NetGearServerOptions.Jpeg"/> on, for applications that compress frames themselves (to forward or store them).
/// Reuses one output buffer: the result of <see cref="Encode"/> is valid until the next call. Not thread-safe: one
/// encoder per thread. Needs the TurboJPEG library (Debian package <c>libturbojpeg0</c>).
/// </summary>
public sealed unsafe class JpegEncoder : IDisposable
{
    private readonly JpegOptions _options;
    private readonly int _pixelFormat;
    private readonly int _channels;
    private readonly int _subsampling;
    private IntPtr _handle;
    private byte[] _output = [];

    /// <summary>Creates an encoder with <paramref name="options"/>' quality, colour space, subsampling and fast DCT.</summary>
    /// <param name="options">The settings, e.g. <see cref="JpegOptions.Default"/>; <see cref="JpegOptions.Enabled"/> is not read
    /// (an encoder always compresses), <see cref="JpegOptions.FastUpsample"/> is a decoding setting.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The quality is outside 1-100 (libjpeg's range; a server accepts 10-100, as VidGear)
    /// or the colour space or subsampling is not a defined value.</exception>
    /// <exception cref="JpegUnavailableException">The TurboJPEG library cannot be loaded.</exception>
    public JpegEncoder(JpegOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(options), options.Quality, $"JPEG quality {options.Quality} is outside the allowed range 1-100.");
        if (!Enum.IsDefined(options.ColorSpace))
            throw new ArgumentOutOfRangeException(nameof(options), options.ColorSpace, $"JPEG colour space {(int)options.ColorSpace} is not one of {string.Join(", ", Enum.GetNames<JpegColorSpace>())}.");
        if (!Enum.IsDefined(options.Subsampling))
            throw new ArgumentOutOfRangeException(nameof(options), options.Subsampling, $"JPEG subsampling {(int)options.Subsampling} is not one of {string.Join(", ", Enum.GetNames<JpegSubsampling>())}.");
        _options = options;
        _subsampling = TurboJpegNative.SubsamplingOf(options.Subsampling);
        _pixelFormat = TurboJpegNative.PixelFormatOf(options.ColorSpace);
        _channels = JpegColorSpaces.Channels(options.ColorSpace);
        _handle = TurboJpegNative.Create(compress: true);
    }

    /// <summary>The settings this encoder compresses with.</summary>
    public JpegOptions Options => _options;

    /// <summary>Checks that a frame can be compressed in the configured colour space; throws a clear error if not.</summary>
    internal void Validate(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.ElementType != ElementType.UInt8)
            throw new ArgumentException($"JPEG compresses uint8 frames only; this frame is {frame.ElementType.WireName()}. Turn JPEG off to send it raw.", nameof(frame));
        var channelsOk = frame.Rank == 2 ? _channels == 1 : frame.Rank == 3 && frame.Shape[2] == _channels;
        if (!channelsOk)
            throw new ArgumentException(
                $"JPEG colour space {JpegColorSpaces.WireName(_options.ColorSpace)} needs frames of shape [h, w{(_channels == 1 ? "" : ", " + _channels)}]; " +
                $"this frame is [{string.Join(", ", frame.Shape)}].", nameof(frame));
        if (frame.Height == 0 || frame.Width == 0)
            throw new ArgumentException("JPEG cannot compress an empty frame.", nameof(frame));
        if (frame.Height > MaxSide || frame.Width > MaxSide)
            throw new ArgumentException($"JPEG allows at most {MaxSide} pixels a side; this frame is {frame.Width}x{frame.Height}. Send it raw, or smaller.", nameof(frame));
    }

    /// <summary>The largest width or height a JPEG can have.</summary>
    private const int MaxSide = 65_535;

    /// <summary>Compresses <paramref name="frame"/> into the encoder's reused output buffer.</summary>
    /// <param name="frame">A uint8 frame of shape <c>[h, w]</c> for <see cref="JpegColorSpace.Gray"/>, <c>[h, w, 3]</c> for BGR and RGB,
    /// <c>[h, w, 4]</c> for the 4-channel colour spaces.</param>
    /// <returns>The JPEG bytes, valid until the next call of <see cref="Encode"/> (copy them with <c>ToArray()</c> to keep them).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is null.</exception>
    /// <exception cref="ArgumentException">The frame is not uint8, is empty, or its shape does not fit the colour space (the message says which).</exception>
    /// <exception cref="ObjectDisposedException">The encoder was disposed.</exception>
    /// <exception cref="NetGearException">libjpeg-turbo reported an error.</exception>
    public ReadOnlyMemory<byte> Encode(Frame frame)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        Validate(frame);
        int width = frame.Width, height = frame.Height;
        var subsamp = _channels == 1 ? TurboJpegNative.SampGray : _subsampling;
        // The most TurboJPEG may write (it assumes the buffer is that large): it must fit one array, or the cast below
        // would go negative and an old, smaller buffer be overrun.
        var worst = TurboJpegNative.tjBufSize(width, height, subsamp);
        if (worst > (nuint)Array.MaxLength)
            throw new ArgumentException($"A {width}x{height} frame may need {worst} bytes of JPEG, more than one buffer can hold ({Array.MaxLength}); send it raw, or smaller.", nameof(frame));
        var bound = (int)worst;
        if (_output.Length < bound) _output = GC.AllocateUninitializedArray<byte>(bound, pinned: true);
        var flags = TurboJpegNative.FlagNoRealloc | (_options.FastDct ? TurboJpegNative.FlagFastDct : 0);
        nuint size = (nuint)_output.Length;
        fixed (byte* src = frame.Data)
        fixed (byte* dst = _output)
        {
            var outPtr = dst;
            var rc = TurboJpegNative.tjCompress2(_handle, src, width, width * _channels, height, _pixelFormat,
                &outPtr, &size, subsamp, _options.Quality, flags);
            if (rc != 0) throw new NetGearException("JPEG compression failed: " + TurboJpegNative.ErrorOf(_handle));
        }
        return _output.AsMemory(0, (int)size);
    }

    /// <summary>Frees the TurboJPEG handle. The encoder cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (_handle != IntPtr.Zero) TurboJpegNative.tjDestroy(_handle);
        _handle = IntPtr.Zero;
    }
}
