using System.Buffers;
using NetGearSharp.Protocol;

namespace NetGearSharp.Codecs;

/// <summary>
/// Turns a header and a payload part into a frame: raw bytes are checked against the declared shape before
/// anything is allocated, then copied once into pooled memory; JPEG is decoded straight into pooled memory.
/// Not thread-safe (owns a JPEG decoder). JPEG decodes with the fast DCT and fast upsampling when this decoder's
/// settings ask for them or the header's <c>dct</c> / <c>ups</c> flags do (VidGear ORs its own setting with the header's).
/// </summary>
internal sealed class PayloadDecoder : IDisposable
{
    private readonly long _maxFrameBytes;
    private readonly bool _fastDct;
    private readonly bool _fastUpsample;
    private JpegDecoder? _jpeg;
    private JpegUnavailableException? _jpegMissing;

    public PayloadDecoder(long maxFrameBytes, bool fastDct, bool fastUpsample)
    {
        _maxFrameBytes = maxFrameBytes;
        _fastDct = fastDct;
        _fastUpsample = fastUpsample;
    }

    /// <summary>Checks a raw frame's declared size against the payload length and the maximum, allocating nothing.</summary>
    public HeaderParseResult CheckRaw(ElementType type, int[] shape, int payloadLength)
    {
        long expected = type.SizeOf();
        foreach (var dim in shape)
        {
            expected *= dim;
            if (expected > _maxFrameBytes)
                return HeaderParseResult.Fail(MalformedKind.FrameTooLarge,
                    $"shape [{string.Join(", ", shape)}] of {type.WireName()} is larger than the maximum frame size of {_maxFrameBytes} bytes");
        }
        if (expected != payloadLength)
            return HeaderParseResult.Fail(MalformedKind.SizeMismatch,
                $"payload of {payloadLength} bytes does not match shape [{string.Join(", ", shape)}] of {type.WireName()} ({expected} bytes)");
        return HeaderParseResult.Ok;
    }

    /// <summary>Whether a JPEG decoder has been created here (libturbojpeg loads).</summary>
    public bool JpegReady => _jpeg is not null;

    /// <summary>How many large raw payloads were copied because a transport that can hand parts over declined (its cap).</summary>
    public long TakeOverDeclined { get; private set; }

    /// <summary>Raw payloads of this size or more are taken over from the transport where it can (no copy).</summary>
    private const int TakeOverThreshold = 64 * 1024;

    /// <summary>
    /// Decodes the payload; returns null and the reason when it is malformed. <paramref name="takeOver"/>, when given,
    /// hands over the payload's own memory (the transport's received part), so a large raw payload is not copied; it
    /// returns null when it cannot (the payload is then copied).
    /// </summary>
    public Frame? Decode(in FrameHeader header, ReadOnlySpan<byte> payload, out HeaderParseResult result, Func<MemoryManager<byte>?>? takeOver = null)
    {
        if (payload.Length > _maxFrameBytes)
        {
            result = HeaderParseResult.Fail(MalformedKind.FrameTooLarge, $"payload of {payload.Length} bytes is larger than the maximum frame size of {_maxFrameBytes} bytes");
            return null;
        }
        if (header.Compression is { } compression)
        {
            var decoder = GetJpegDecoder();
            var frame = decoder.Decode(payload, compression.ColorSpace, _fastDct || compression.FastDct,
                _fastUpsample || compression.FastUpsample, _maxFrameBytes, out var error, out var reason);
            result = error is null ? HeaderParseResult.Ok : HeaderParseResult.Fail(error.Value, reason!);
            return frame;
        }

        var shape = header.Shape!;
        result = CheckRaw(header.ElementType, shape, payload.Length);
        if (!result.Success) return null;
        if (payload.Length == 0) return Frame.Copy(payload, header.ElementType, shape);
        if (payload.Length >= TakeOverThreshold && takeOver is not null)
        {
            if (takeOver() is { } owned) return Frame.FromOwned(header.ElementType, shape, owned, payload.Length);
            TakeOverDeclined++;
        }
        var buffer = FrameBuffers.Rent(payload.Length);
        payload.CopyTo(buffer);
        return FrameBuffers.ToFrame(header.ElementType, shape, buffer, payload.Length);
    }

    private JpegDecoder GetJpegDecoder()
    {
        if (_jpeg is not null) return _jpeg;
        if (_jpegMissing is not null) throw _jpegMissing;
        try
        {
            return _jpeg = new JpegDecoder();
        }
        catch (JpegUnavailableException ex)
        {
            _jpegMissing = ex;
            throw;
        }
    }

    public void Dispose() => _jpeg?.Dispose();
}
