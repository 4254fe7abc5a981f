using System.Buffers;
using System.Text.Json;

namespace NetGearSharp.Protocol;

/// <summary>
/// Writes a client's return reply in VidGear's key order: <c>port</c> (multi-client mode only), then
/// <c>return_type</c> and <c>data</c>; for a frame <c>return_type</c>, <c>compression</c>, <c>array_dtype</c>,
/// <c>array_shape</c>, <c>data</c> (null), followed by the frame part. Reuses one buffer: not thread-safe.
/// </summary>
internal sealed class ReturnWriter
{
    /// <summary>The <c>return_type</c> of frames (numpy's type name).</summary>
    public const string FrameType = "ndarray";

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;
    private readonly string? _port;

    /// <param name="port">The client's own port in multi-client mode; null otherwise (the reply then names no port).</param>
    public ReturnWriter(int? port)
    {
        _port = port?.ToString(System.Globalization.CultureInfo.InvariantCulture); // VidGear's string on the wire
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = MessageJson.Default.Encoder });
    }

    /// <summary>Writes the JSON part for <paramref name="data"/> (null: VidGear's <c>NoneType</c>); valid until the next call.</summary>
    public ReadOnlyMemory<byte> Write(NetGearReturnData? data)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        if (_port is not null) _writer.WriteString("port"u8, _port);
        if (data is null)
        {
            _writer.WriteString("return_type"u8, "NoneType"u8);
            _writer.WriteNull("data"u8);
        }
        else if (data.IsFrame)
        {
            _writer.WriteString("return_type"u8, FrameType);
            if (data.Compression is { } c)
            {
                _writer.WriteStartObject("compression"u8);
                _writer.WriteBoolean("dct"u8, c.FastDct);
                _writer.WriteBoolean("ups"u8, c.FastUpsample);
                _writer.WriteString("colorspace"u8, JpegColorSpaces.WireName(c.ColorSpace));
                _writer.WriteEndObject();
                _writer.WriteString("array_dtype"u8, ""u8);
                _writer.WriteString("array_shape"u8, ""u8);
            }
            else
            {
                _writer.WriteBoolean("compression"u8, false);
                _writer.WriteString("array_dtype"u8, data.ElementType.WireName());
                _writer.WriteStartArray("array_shape"u8);
                foreach (var dim in data.Shape) _writer.WriteNumberValue(dim);
                _writer.WriteEndArray();
            }
            _writer.WriteNull("data"u8);
        }
        else
        {
            _writer.WriteString("return_type"u8, data.ReturnType);
            _writer.WritePropertyName("data"u8);
            _writer.WriteRawValue(data.Json.Span, skipInputValidation: true);
        }
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenMemory;
    }
}
