using System.Globalization;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NetGearSharp.Codecs;
using NetGearSharp.Nats.Wire;
using NetGearSharp.Protocol;

namespace NetGearSharp.Nats.Source;

/// <summary>Turns a forwarded NATS message back into a <see cref="NetGearPacket"/>. Not thread-safe (owns a JPEG decoder).</summary>
internal sealed class PacketDecoder : IDisposable
{
    private const long MaxFrameBytes = 1L << 30;
    private readonly JsonSerializerOptions? _json;
    private readonly bool _keepJpeg;
    private JpegDecoder? _jpeg;

    public PacketDecoder(JsonSerializerOptions? json, bool keepJpeg = false)
    {
        _json = json;
        _keepJpeg = keepJpeg;
    }

    /// <summary>The packet, or null with the reason when the message is not a valid forwarded frame.</summary>
    public NetGearPacket? Decode(NatsHeaders? headers, byte[] data, out long upstreamDropped, out string? error)
    {
        upstreamDropped = 0;
        error = null;
        if (headers is null) return Fail("no headers", out error);
        if (!NatsPort.TryParse(Get(headers, HeaderNames.Port), out var port)) return Fail($"bad {HeaderNames.Port} header", out error);
        if (!long.TryParse(Get(headers, HeaderNames.Sequence), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
            return Fail($"bad {HeaderNames.Sequence} header", out error);
        var receivedAt = long.TryParse(Get(headers, HeaderNames.Received), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.UtcNow;
        if (!ElementTypes.TryParse(Get(headers, HeaderNames.ElementType), out var type)) return Fail($"bad {HeaderNames.ElementType} header", out error);
        if (!TryParseShape(Get(headers, HeaderNames.Shape), out var shape)) return Fail($"bad {HeaderNames.Shape} header", out error);
        _ = long.TryParse(Get(headers, HeaderNames.Dropped), NumberStyles.None, CultureInfo.InvariantCulture, out upstreamDropped);

        byte[]? message = null;
        if (Get(headers, HeaderNames.Message) is { } text) message = Encoding.UTF8.GetBytes(text);
        else if (Get(headers, HeaderNames.MessageBase64) is { } b64)
        {
            try { message = Convert.FromBase64String(b64); }
            catch (FormatException) { return Fail($"bad {HeaderNames.MessageBase64} header", out error); }
        }
        if (message is not null && !IsJson(message)) return Fail("the message is not JSON", out error);

        Frame frame;
        JpegColorSpace? jpegSpace = null;
        switch (Get(headers, HeaderNames.Encoding))
        {
            case HeaderNames.EncodingRaw:
                try { frame = Frame.Wrap(data, type, shape); }
                catch (ArgumentException ex) { return Fail(ex.Message, out error); }
                break;
            case HeaderNames.EncodingJpeg:
                if (!JpegColorSpaces.TryParse(Get(headers, HeaderNames.ColorSpace), out var space))
                    return Fail($"bad {HeaderNames.ColorSpace} header", out error);
                Frame decoded;
                try
                {
                    if (!(_jpeg ??= new JpegDecoder { MaxFrameBytes = MaxFrameBytes }).TryDecode(data, space, out var jpeg, out var reason))
                        return Fail(reason, out error);
                    decoded = jpeg;
                }
                catch (JpegUnavailableException ex)
                {
                    // As the client does: the frame counts as malformed, and the reader hears of it once (JpegUnavailable).
                    JpegUnavailable ??= ex;
                    return Fail("JPEG frames arrive but libturbojpeg is not installed", out error);
                }
                if (decoded.ElementType != type || !decoded.Shape.SequenceEqual(shape))
                {
                    var got = string.Join(",", decoded.Shape);
                    decoded.Dispose();
                    return Fail($"the JPEG decodes to shape {got}, not the {HeaderNames.Shape} header's {string.Join(",", shape)}", out error);
                }
                frame = decoded;
                jpegSpace = space;
                break;
            default:
                return Fail($"bad {HeaderNames.Encoding} header", out error);
        }
        try
        {
            return NetGearPacket.Create(port, frame, message, receivedAt, sequence, _json,
                _keepJpeg && jpegSpace is not null ? data : ReadOnlyMemory<byte>.Empty, jpegSpace);
        }
        catch (ArgumentException ex)
        {
            frame.Dispose();
            return Fail(ex.Message, out error);
        }
    }

    /// <summary>Reads a state event; false when it is not one.</summary>
    public static bool TryDecodeState(NatsHeaders? headers, out int port, out ServerState state, out long lastSequence, out long upstreamDropped)
    {
        port = 0;
        state = default;
        upstreamDropped = 0;
        lastSequence = 0;
        if (headers is null || !NatsPort.TryParse(Get(headers, HeaderNames.Port), out port)) return false;
        if (!PacketHeaders.TryParseState(Get(headers, HeaderNames.State), out state)) return false;
        _ = long.TryParse(Get(headers, HeaderNames.Dropped), NumberStyles.None, CultureInfo.InvariantCulture, out upstreamDropped);
        _ = long.TryParse(Get(headers, HeaderNames.Sequence), NumberStyles.None, CultureInfo.InvariantCulture, out lastSequence);
        return true;
    }

    /// <summary>Set when a JPEG frame came and libturbojpeg could not be loaded (those frames count as malformed).</summary>
    public JpegUnavailableException? JpegUnavailable { get; private set; }

    public void Dispose() => _jpeg?.Dispose();

    private static string? Get(NatsHeaders headers, string name) => headers.TryGetValue(name, out var values) ? values.ToString() : null;

    private static NetGearPacket? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }

    private static bool TryParseShape(string? text, out int[] shape)
    {
        shape = [];
        if (text is null) return false;
        if (text.Length == 0) return true;
        var parts = text.Split(',');
        shape = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i])) return false;
        }
        return true;
    }

    private static bool IsJson(byte[] utf8)
    {
        try
        {
            using var _ = JsonDocument.Parse(utf8, NetGearMessageJson.DocumentOptions);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
