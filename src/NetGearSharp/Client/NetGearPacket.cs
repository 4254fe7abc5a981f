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

    internal NetGearPacket(int port, Frame frame, byte[]? message, DateTimeOffset receivedAt, long sequence, JsonSerializerOptions json, byte[]? jpeg = null)
    {
        Jpeg = jpeg;
        Port = port;
        Frame = frame;
        _message = message;
        ReceivedAt = receivedAt;
        Sequence = sequence;
        _json = json;
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
    public JsonElement? Message => _message is null ? null : _element ??= JsonDocument.Parse(_message).RootElement;

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
