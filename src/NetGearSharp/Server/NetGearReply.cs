using System.Text;
using System.Text.Json;

namespace NetGearSharp;

/// <summary>
/// What a client sent back with its answer to a frame, in bidirectional or multi-client mode (VidGear's return value
/// of <c>send</c>): a JSON value or a frame, and in multi-client mode the answering client's port. Dispose it (or its
/// frame) when done so the frame's memory returns to the pool.
/// </summary>
public sealed class NetGearReply : IDisposable
{
    private readonly byte[]? _data;
    private readonly JsonSerializerOptions _json;
    private JsonElement? _element;

    internal NetGearReply(int? port, string returnType, byte[]? data, Frame? frame, JsonSerializerOptions json)
    {
        Port = port;
        ReturnType = returnType;
        _data = data;
        Frame = frame;
        _json = json;
    }

    /// <summary>Multi-client mode: the port of the client that answered (VidGear's <c>(port, data)</c>); null otherwise.</summary>
    public int? Port { get; }

    /// <summary>The Python type name the client sent (<c>str</c>, <c>int</c>, <c>dict</c>, <c>NoneType</c>, <c>ndarray</c>, ...).</summary>
    public string ReturnType { get; }

    /// <summary>Whether the client returned data (a JSON value other than null, or a frame).</summary>
    public bool HasData => _data is not null || Frame is not null;

    /// <summary>The returned frame (<c>return_type</c> <c>ndarray</c>), or null.</summary>
    public Frame? Frame { get; }

    /// <summary>The returned JSON value, or null when the client returned none (or a frame).</summary>
    public JsonElement? Data => _data is null ? null : _element ??= JsonDocument.Parse(_data, NetGearMessageJson.DocumentOptions).RootElement;

    /// <summary>The returned value's JSON text, or null.</summary>
    public string? DataJson => _data is null ? null : Encoding.UTF8.GetString(_data);

    /// <summary>Reads the returned value as <typeparamref name="T"/>; <c>default</c> when there is none.</summary>
    /// <exception cref="JsonException">The value does not fit <typeparamref name="T"/>.</exception>
    public T? GetData<T>() => _data is null ? default : JsonSerializer.Deserialize<T>(_data, _json);

    /// <summary>Returns the frame's memory to the pool.</summary>
    public void Dispose() => Frame?.Dispose();

    /// <inheritdoc />
    public override string ToString()
        => $"{(Port is { } p ? p + ": " : "")}{ReturnType}{(Frame is { } f ? " " + f : _data is null ? "" : " " + DataJson)}";
}
