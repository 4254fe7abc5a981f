using System.Buffers;
using System.Text.Json;

namespace NetGearSharp.Protocol;

/// <summary>
/// Writes header parts in VidGear's key order. Reuses one buffer and one <see cref="Utf8JsonWriter"/>: not thread-safe.
/// </summary>
internal sealed class HeaderWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;
    private readonly JsonSerializerOptions _options;
    private readonly string? _port;
    private readonly string _pattern;
    /// <summary>The parts around the message for the last frame type, shape and compression written.</summary>
    private HeaderAround? _around;
    /// <summary>Message types seen so far (at most <see cref="MaxMessageTypes"/>), with their flat writers or null.</summary>
    private readonly Dictionary<Type, FlatMessageWriter?> _flat = [];
    private const int MaxMessageTypes = 64;
    private Type? _lastMessageType;
    private FlatMessageWriter? _lastFlat;

    /// <param name="port">The server's port (multi-server mode), or null for single-server mode where the header has no port.</param>
    /// <param name="pattern">The messaging pattern, written as its number in a string.</param>
    /// <param name="options">Serializer options for messages, prepared (<see cref="MessageJson.Create"/>); messages are
    /// written with their <see cref="MessageJson.Writing"/> form (whole floats as <c>3.0</c>, as Python writes them).</param>
    public HeaderWriter(string? port, NetGearPattern pattern, JsonSerializerOptions options)
    {
        _port = port;
        _pattern = ((int)pattern).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _options = MessageJson.Writing(options);
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = false });
    }

    /// <summary>
    /// Writes a frame header; the result is valid until the next call. Only the message is written per frame: the
    /// parts before and after it come from <see cref="WriteWhole"/> once per frame type, shape and compression
    /// (cached: a server's frames mostly share them), so the bytes are the same as writing the whole header each time.
    /// </summary>
    public ReadOnlyMemory<byte> WriteFrame(object? message, ElementType type, IReadOnlyList<int> shape, CompressionInfo? compression)
    {
        var around = Around(type, shape, compression);
        StartFrame(around.Before);
        try
        {
            WriteMessage(message);
        }
        catch (InvalidOperationException) when (message is JsonElement or JsonDocument)
        {
            // Half a message may be in the buffer and the writer: start the header again, the message as raw bytes.
            StartFrame(around.Before);
            WriteMessage(message, raw: true);
        }
        _writer.Flush();
        _buffer.Write(around.After);
        if (_buffer.WrittenCount > HeaderReader.MaxHeaderBytes)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The message is too long to send: with it the frame's header is {_buffer.WrittenCount:N0} bytes, and a client reads headers of at most {HeaderReader.MaxHeaderBytes:N0} (1 MiB). Send less with each frame."),
                nameof(message));
        }
        return _buffer.WrittenMemory;
    }

    /// <summary>Empties the buffer, puts the header's bytes before the message in it, and points the writer after them.</summary>
    private void StartFrame(ReadOnlySpan<byte> before)
    {
        _buffer.ResetWrittenCount();
        _buffer.Write(before);
        _writer.Reset(_buffer);
    }

    /// <summary>The header's bytes before and after the message for this frame type, shape and compression.</summary>
    private HeaderAround Around(ElementType type, IReadOnlyList<int> shape, CompressionInfo? compression)
    {
        if (_around is { } cached && cached.Matches(type, shape, compression)) return cached;
        // The whole header with a null message, split around the null: the same writer, the same bytes.
        var whole = WriteWhole(null, type, shape, compression).Span;
        var before = IndexAfterMessageName(whole);
        var after = before + "null"u8.Length;
        _around = new HeaderAround(type, [.. shape], compression, whole[..before].ToArray(), whole[after..].ToArray());
        return _around;
    }

    /// <summary>Where the message's value starts in a header written by <see cref="WriteWhole"/>.</summary>
    private static int IndexAfterMessageName(ReadOnlySpan<byte> header)
    {
        var name = "\"message\":"u8;
        var at = header.IndexOf(name);
        if (at < 0) throw new InvalidOperationException("A written header has no message property.");
        return at + name.Length;
    }

    /// <summary>Writes a whole frame header, every property through the JSON writer (the reference for <see cref="WriteFrame"/>).</summary>
    internal ReadOnlyMemory<byte> WriteWhole(object? message, ElementType type, IReadOnlyList<int> shape, CompressionInfo? compression)
    {
        try
        {
            return WriteWholeWith(message, type, shape, compression, raw: false);
        }
        catch (InvalidOperationException) when (message is JsonElement or JsonDocument)
        {
            return WriteWholeWith(message, type, shape, compression, raw: true); // Begin starts afresh
        }
    }

    private ReadOnlyMemory<byte> WriteWholeWith(object? message, ElementType type, IReadOnlyList<int> shape, CompressionInfo? compression, bool raw)
    {
        Begin();
        if (_port is not null) _writer.WriteString("port"u8, _port);
        _writer.WriteBoolean("terminate_flag"u8, false);
        if (compression is { } c)
        {
            _writer.WriteStartObject("compression"u8);
            _writer.WriteBoolean("dct"u8, c.FastDct);
            _writer.WriteBoolean("ups"u8, c.FastUpsample);
            _writer.WriteString("colorspace"u8, JpegColorSpaces.WireName(c.ColorSpace));
            _writer.WriteEndObject();
        }
        else
        {
            _writer.WriteBoolean("compression"u8, false);
        }
        _writer.WritePropertyName("message"u8);
        WriteMessage(message, raw);
        _writer.WriteString("pattern"u8, _pattern);
        if (compression is null)
        {
            _writer.WriteString("dtype"u8, type.WireName());
            _writer.WriteStartArray("shape"u8);
            for (var i = 0; i < shape.Count; i++) _writer.WriteNumberValue(shape[i]);
            _writer.WriteEndArray();
        }
        else
        {
            _writer.WriteString("dtype"u8, ""u8);
            _writer.WriteString("shape"u8, ""u8);
        }
        return End();
    }

    /// <summary>Writes the terminate header <c>{"terminate_flag": true, "port": "5566"}</c>.</summary>
    public ReadOnlyMemory<byte> WriteTerminate()
    {
        Begin();
        _writer.WriteBoolean("terminate_flag"u8, true);
        if (_port is not null) _writer.WriteString("port"u8, _port);
        return End();
    }

    /// <summary>
    /// Writes the message. A <see cref="JsonElement"/> (or <see cref="JsonDocument"/>) goes straight into the header's
    /// writer, with nothing allocated. The writer refuses a string with a lone surrogate escape (<c>"\udce9"</c>: what
    /// Python's <c>json</c> writes for a file name that is not UTF-8) with an <see cref="InvalidOperationException"/>,
    /// part of the way through; the caller then starts the header again and writes it with <paramref name="raw"/>:
    /// the element's bytes made apart (<see cref="NetGearMessageJson.ToJsonBytes"/>: such a string as it came).
    /// </summary>
    private void WriteMessage(object? message, bool raw = false)
    {
        switch (message)
        {
            case null: _writer.WriteNullValue(); break;
            case JsonElement element: WriteElement(element, raw); break;
            case JsonDocument document: WriteElement(document.RootElement, raw); break;
            default:
                var type = message.GetType();
                if (FlatWriterFor(type) is { } flat) flat.Write(_writer, message);
                else JsonSerializer.Serialize(_writer, message, type, _options);
                break;
        }
    }

    private void WriteElement(JsonElement element, bool raw)
    {
        if (raw) _writer.WriteRawValue(NetGearMessageJson.ToJsonBytes(element), skipInputValidation: true);
        else element.WriteTo(_writer);
    }

    /// <summary>
    /// The flat writer for messages of <paramref name="type"/> (null: the serializer writes them), made once per type.
    /// Types beyond the first <see cref="MaxMessageTypes"/> go to the serializer: making a writer for them at every
    /// frame would cost more than it saves.
    /// </summary>
    private FlatMessageWriter? FlatWriterFor(Type type)
    {
        if (type == _lastMessageType) return _lastFlat;
        if (!_flat.TryGetValue(type, out var flat) && _flat.Count < MaxMessageTypes)
            _flat[type] = flat = FlatMessageWriter.TryCreate(type, _options);
        _lastMessageType = type;
        return _lastFlat = flat;
    }

    private void Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
    }

    private ReadOnlyMemory<byte> End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenMemory;
    }
}
