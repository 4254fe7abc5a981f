using System.Buffers;

namespace NetGearSharp.Codecs;

/// <summary>
/// Decodes JPEG payloads straight into pooled frame memory. Not thread-safe. Keeps no state from one payload to the
/// next: after any error the TurboJPEG handle is destroyed and a fresh one made, because a handle that failed in the
/// middle of a stream (a truncated JPEG) reads the next, valid JPEG's header as 0x0.
/// </summary>
internal sealed unsafe class JpegDecoder : IDisposable
{
    private IntPtr _handle;

    public JpegDecoder() => _handle = TurboJpegNative.Create(compress: false);

    /// <summary>Decodes <paramref name="jpeg"/> into a frame of the given colour space.</summary>
    /// <returns>The frame, or null with <paramref name="error"/> set when the data is not a JPEG or too large.</returns>
    public Frame? Decode(ReadOnlySpan<byte> jpeg, JpegColorSpace space, bool fastDct, bool fastUpsample, long maxBytes,
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
            var channels = Protocol.CompressionInfo.Channels(space);
            var bytes = (long)width * height * channels;
            if (width <= 0 || height <= 0 || bytes > maxBytes || bytes > Array.MaxLength)
            {
                error = MalformedKind.FrameTooLarge;
                reason = width <= 0 || height <= 0
                    ? $"JPEG of {width}x{height} is empty"
                    : $"JPEG of {width}x{height} decodes to {bytes} bytes, more than the maximum of {maxBytes}";
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

    /// <summary>How many times the handle was recreated after an error (tests read it).</summary>
    public int Resets { get; private set; }

    /// <summary>Replaces the handle by a fresh one, so nothing of a failed payload reaches the next.</summary>
    private void Reset()
    {
        TurboJpegNative.tjDestroy(_handle);
        _handle = IntPtr.Zero;
        _handle = TurboJpegNative.Create(compress: false);
        Resets++;
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero) TurboJpegNative.tjDestroy(_handle);
        _handle = IntPtr.Zero;
    }
}
