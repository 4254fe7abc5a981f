namespace NetGearSharp.Codecs;

/// <summary>
/// Compresses uint8 frames to JPEG with simplejpeg's settings (4:2:2 chroma subsampling for colour).
/// Reuses one output buffer: the result is valid until the next call. Not thread-safe.
/// </summary>
internal sealed unsafe class JpegEncoder : IDisposable
{
    private readonly JpegOptions _options;
    private readonly int _pixelFormat;
    private readonly int _channels;
    private IntPtr _handle;
    private byte[] _output = [];

    public JpegEncoder(JpegOptions options)
    {
        _options = options;
        _pixelFormat = TurboJpegNative.PixelFormatOf(options.ColorSpace);
        _channels = Protocol.CompressionInfo.Channels(options.ColorSpace);
        _handle = TurboJpegNative.Create(compress: true);
    }

    /// <summary>Checks that a frame can be compressed in the configured colour space; throws a clear error if not.</summary>
    public void Validate(Frame frame)
    {
        if (frame.ElementType != ElementType.UInt8)
            throw new ArgumentException($"JPEG compresses uint8 frames only; this frame is {frame.ElementType.WireName()}. Turn JPEG off to send it raw.", nameof(frame));
        var channelsOk = frame.Rank == 2 ? _channels == 1 : frame.Rank == 3 && frame.Shape[2] == _channels;
        if (!channelsOk)
            throw new ArgumentException(
                $"JPEG colour space {Protocol.CompressionInfo.WireName(_options.ColorSpace)} needs frames of shape [h, w{(_channels == 1 ? "" : ", " + _channels)}]; " +
                $"this frame is [{string.Join(", ", frame.Shape)}].", nameof(frame));
        if (frame.Height == 0 || frame.Width == 0)
            throw new ArgumentException("JPEG cannot compress an empty frame.", nameof(frame));
    }

    /// <summary>Compresses the frame into the reused output buffer (pinned); the result is valid until the next call.</summary>
    public ReadOnlyMemory<byte> Encode(Frame frame)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        Validate(frame);
        int width = frame.Width, height = frame.Height;
        var subsamp = _channels == 1 ? TurboJpegNative.SampGray : TurboJpegNative.Samp422;
        var bound = (int)TurboJpegNative.tjBufSize(width, height, subsamp);
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

    public void Dispose()
    {
        if (_handle != IntPtr.Zero) TurboJpegNative.tjDestroy(_handle);
        _handle = IntPtr.Zero;
    }
}
