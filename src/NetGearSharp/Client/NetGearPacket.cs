using System.Text;
using System.Text.Json;

namespace NetGearSharp;

/// <summary>
/// One received frame: the server's port, the frame, the message (if the server sent a non-null one) and when it
/// arrived. Dispose it (or its frame) when done so the frame's memory returns to the pool.
/// </summary>
public sealed class NetGearPacket : IDisposable
{
    private readonly byte[]? _message;
    private readonly JsonSerializerOptions _json;
    private JsonElement? _element;

    internal NetGearPacket(int port, Frame frame, byte[]? message, DateTimeOffset receivedAt, long sequence, JsonSerializerOptions json, byte[]? jpeg = null,
        JpegColorSpace? jpegColorSpace = null)
    {
        Jpeg = jpeg;
        JpegColorSpace = jpegColorSpace;
        Port = port;
        Frame = frame;
        _message = message;
        ReceivedAt = receivedAt;
        Sequence = sequence;
        _json = json;
    }

    /// <summary>
    /// Creates a packet for a frame that did not come through a <see cref="NetGearClient"/>: a relay that carries
    /// frames further (such as NetGearSharp.Nats), a recording played back, a test. The packet owns
    /// <paramref name="frame"/>: disposing the packet disposes the frame.
    /// </summary>
    /// <param name="port">The port of the server that sent the frame (1-65535).</param>
    /// <param name="frame">The frame; the packet takes ownership of it.</param>
    /// <param name="messageUtf8">The message as UTF-8 JSON (copied); empty, or the JSON literal <c>null</c>, when there is none.</param>
    /// <param name="receivedAt">When the frame was received.</param>
    /// <param name="sequence">The number of this frame among the frames of the same server, from 1.</param>
    /// <param name="messageSerializerOptions">
    /// The options <see cref="GetMessage{T}"/> reads the message with, as <see cref="NetGearClientOptions.MessageSerializerOptions"/>
    /// (default: <see cref="NetGearMessageJson.CreateOptions"/>). Prepared once per instance: pass the same instance for every packet.
    /// </param>
    /// <param name="jpeg">
    /// When the frame arrived as JPEG: the JPEG bytes it was decoded from, to keep on the packet (<see cref="Jpeg"/>,
    /// copied); empty (the default) when they are not kept.
    /// </param>
    /// <param name="jpegColorSpace">When the frame arrived as JPEG: the colour space it was compressed in (<see cref="JpegColorSpace"/>); null (the default) when it arrived raw.</param>
    /// <returns>The packet.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/>, <paramref name="sequence"/> or <paramref name="jpegColorSpace"/> is out of range.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="messageUtf8"/> is not one JSON value, or <paramref name="jpeg"/> is given without <paramref name="jpegColorSpace"/>.
    /// </exception>
    public static NetGearPacket Create(int port, Frame frame, ReadOnlySpan<byte> messageUtf8, DateTimeOffset receivedAt, long sequence,
        JsonSerializerOptions? messageSerializerOptions = null, ReadOnlyMemory<byte> jpeg = default, JpegColorSpace? jpegColorSpace = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!jpeg.IsEmpty && jpegColorSpace is null)
            throw new ArgumentException("JPEG bytes were given without their colour space; give jpegColorSpace (e.g. JpegColorSpace.Bgr).", nameof(jpegColorSpace));
        if (jpegColorSpace is { } space && !Enum.IsDefined(space))
            throw new ArgumentOutOfRangeException(nameof(jpegColorSpace), space, $"JPEG colour space {space} is unknown; allowed: {string.Join(", ", Enum.GetNames<JpegColorSpace>())}.");
        if (port is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(port), port, $"Port {port} is not a server port; allowed: 1-65535.");
        if (sequence < 1)
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Sequence {sequence} is out of range; allowed: 1 or more (the first frame of a server is 1).");
        byte[]? message = null;
        if (!messageUtf8.IsEmpty)
        {
            try
            {
                var reader = new Utf8JsonReader(messageUtf8);
                if (!reader.Read()) throw new JsonException("no JSON value");
                if (reader.TokenType != JsonTokenType.Null) message = messageUtf8.ToArray();
                reader.Skip();
                if (reader.Read()) throw new JsonException("more than one JSON value");
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"The message is not one JSON value ({ex.Message}); give UTF-8 JSON, or an empty span for no message.", nameof(messageUtf8), ex);
            }
        }
        return new NetGearPacket(port, frame, message, receivedAt, sequence, Protocol.MessageJson.For(messageSerializerOptions),
            jpeg.IsEmpty ? null : jpeg.ToArray(), jpegColorSpace);
    }

    /// <summary>The port of the server that sent the frame.</summary>
    public int Port { get; }

    /// <summary>The frame.</summary>
    public Frame Frame { get; }

    /// <summary>
    /// The frame's JPEG bytes as they arrived, when the server sent JPEG and the client was created with
    /// <see cref="NetGearClientOptions.KeepJpeg"/>; otherwise empty.
    /// </summary>
    public ReadOnlyMemory<byte> Jpeg { get; }

    /// <summary>
    /// The colour space the server compressed the frame in (VidGear's <c>colorspace</c>; the decoded frame's pixel
    /// layout) when the frame arrived as JPEG, with or without <see cref="NetGearClientOptions.KeepJpeg"/>; null when it
    /// arrived raw.
    /// </summary>
    public JpegColorSpace? JpegColorSpace { get; }

    /// <summary>When the client received the frame.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The number of this frame among the frames received from the same server, from 1.</summary>
    public long Sequence { get; }

    /// <summary>
    /// Whether the server sent a message (anything but JSON null). Unlike VidGear, <c>0</c>, <c>""</c>, <c>false</c>,
    /// <c>[]</c> and <c>{}</c> are messages too.
    /// </summary>
    public bool HasMessage => _message is not null;

    /// <summary>The message as a JSON element, or null when there is none.</summary>
    public JsonElement? Message => _message is null ? null : _element ??= JsonDocument.Parse(_message, NetGearMessageJson.DocumentOptions).RootElement;

    /// <summary>The message's JSON text, or null when there is none.</summary>
    public string? MessageJson => _message is null ? null : Encoding.UTF8.GetString(_message);

    /// <summary>The message's raw UTF-8 JSON, empty when there is none.</summary>
    public ReadOnlyMemory<byte> MessageUtf8 => _message;

    /// <summary>
    /// Reads the message as <typeparamref name="T"/> (records, dictionaries, lists, tuples from arrays, primitives), with the
    /// client's message options (default: <see cref="NetGearMessageJson.CreateOptions"/>, case-insensitive names).
    /// </summary>
    /// <returns>The value, or <c>default</c> when there is no message.</returns>
    /// <exception cref="JsonException">
    /// The message does not fit <typeparamref name="T"/>: with the default options, a constructor parameter or required
    /// member missing from the JSON, a JSON member <typeparamref name="T"/> does not have, or a value of the wrong type.
    /// </exception>
    public T? GetMessage<T>() => _message is null ? default : JsonSerializer.Deserialize<T>(_message, _json);

    /// <summary>Tries to read the message as <typeparamref name="T"/>; false when there is none or it does not fit.</summary>
    public bool TryGetMessage<T>(out T? value)
    {
        value = default;
        if (_message is null) return false;
        try
        {
            value = JsonSerializer.Deserialize<T>(_message, _json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Returns the frame's memory to the pool.</summary>
    public void Dispose() => Frame.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Port}: {Frame}{(_message is null ? "" : " " + MessageJson)}";
}
