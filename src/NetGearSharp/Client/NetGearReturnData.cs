using System.Text.Json;
using NetGearSharp.Protocol;

namespace NetGearSharp;

/// <summary>
/// Data a client sends back to a server with its answer to a frame, in bidirectional or multi-client mode (VidGear's
/// <c>recv(return_data=...)</c>): any JSON value, or a frame, sent as a raw array or as JPEG like VidGear's return
/// frames. The server gets it as the result of its send (<see cref="NetGearServer.Send"/>). Immutable: made once
/// (a frame is copied, or compressed, when it is made) and sent as often as needed.
/// </summary>
public sealed class NetGearReturnData
{
    private NetGearReturnData(string returnType, ReadOnlyMemory<byte> json)
    {
        ReturnType = returnType;
        Json = json;
    }

    private NetGearReturnData(byte[] payload, ElementType type, int[] shape, CompressionInfo? compression)
    {
        ReturnType = ReturnWriter.FrameType;
        Payload = payload;
        ElementType = type;
        Shape = shape;
        Compression = compression;
    }

    /// <summary>
    /// The Python type name VidGear sends as <c>return_type</c>: <c>str</c>, <c>int</c>, <c>float</c>, <c>bool</c>,
    /// <c>list</c>, <c>dict</c>, <c>NoneType</c>, or <c>ndarray</c> for a frame.
    /// </summary>
    public string ReturnType { get; }

    /// <summary>Whether this is a frame (sent as a second message part).</summary>
    public bool IsFrame => ReturnType == ReturnWriter.FrameType;

    internal ReadOnlyMemory<byte> Json { get; }
    internal byte[] Payload { get; } = [];
    internal ElementType ElementType { get; }
    internal int[] Shape { get; } = [];
    internal CompressionInfo? Compression { get; }

    /// <summary>
    /// Any JSON-serialisable value (null becomes VidGear's <c>None</c>). Floating-point numbers (<c>double</c>,
    /// <c>float</c>, <c>Half</c>) are written as Python writes floats, a whole one with a decimal point (<c>3.0</c>), so
    /// a Python server gets a <c>float</c> and <see cref="ReturnType"/> says <c>float</c>; a <c>decimal</c> keeps its
    /// own scale (<c>3m</c> is <c>3</c>, an <c>int</c>; <c>3.0m</c> is <c>3.0</c>).
    /// </summary>
    /// <param name="value">The value: records, dictionaries, lists, tuples (as arrays), strings, numbers, booleans.</param>
    /// <param name="options">How to serialise it. Default: <see cref="NetGearMessageJson.CreateOptions"/> (camelCase
    /// names, tuples as arrays, NaN and the infinities as strings), as for messages.</param>
    public static NetGearReturnData FromValue(object? value, JsonSerializerOptions? options = null)
    {
        var bytes = value switch
        {
            JsonElement element => NetGearMessageJson.ToJsonBytes(element),
            _ => JsonSerializer.SerializeToUtf8Bytes(value, value?.GetType() ?? typeof(object), MessageJson.Writing(MessageJson.For(options))),
        };
        return FromJsonBytes(bytes);
    }

    /// <summary>A value given as JSON text, e.g. <c>{"ok": true}</c> or <c>"hello"</c>.</summary>
    /// <exception cref="ArgumentException">The text is not one JSON value.</exception>
    public static NetGearReturnData FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, NetGearMessageJson.DocumentOptions);
            return FromJsonBytes(NetGearMessageJson.ToJsonBytes(document.RootElement));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Return data '{(json.Length > 64 ? json[..64] + "..." : json)}' is not valid JSON: {ex.Message}", nameof(json), ex);
        }
    }

    /// <summary>
    /// A frame (copied now), sent raw (<c>array_dtype</c>, <c>array_shape</c>) or, with <paramref name="jpeg"/> on, as
    /// JPEG (uint8 frames of the colour space's channel count), as VidGear sends return frames.
    /// </summary>
    /// <exception cref="ArgumentException">The frame cannot be compressed with these JPEG options.</exception>
    /// <exception cref="JpegUnavailableException">JPEG is on but libturbojpeg cannot be loaded.</exception>
    public static NetGearReturnData FromFrame(Frame frame, JpegOptions? jpeg = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (jpeg is not { Enabled: true })
            return new NetGearReturnData(frame.Data.ToArray(), frame.ElementType, frame.Shape.ToArray(), null);
        Validate.Jpeg(jpeg, nameof(jpeg));
        using var encoder = new Codecs.JpegEncoder(jpeg);
        var bytes = encoder.Encode(frame).ToArray();
        return new NetGearReturnData(bytes, ElementType.UInt8, frame.Shape.ToArray(),
            new CompressionInfo(jpeg.FastDct, jpeg.FastUpsample, jpeg.ColorSpace));
    }

    private static NetGearReturnData FromJsonBytes(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        var type = reader.TokenType switch
        {
            JsonTokenType.String => "str",
            // As Python's json reads it: a number with a point or an exponent is a float, any other an int (of any size).
            JsonTokenType.Number => reader.ValueSpan.IndexOfAny(".eE"u8) < 0 ? "int" : "float",
            JsonTokenType.True or JsonTokenType.False => "bool",
            JsonTokenType.StartArray => "list",
            JsonTokenType.StartObject => "dict",
            _ => "NoneType",
        };
        return new NetGearReturnData(type, bytes);
    }

    /// <inheritdoc />
    public override string ToString() => IsFrame
        ? $"{ReturnType} {ElementType.WireName()} [{string.Join(", ", Shape)}]{(Compression is null ? "" : " JPEG")}"
        : $"{ReturnType} {System.Text.Encoding.UTF8.GetString(Json.Span)}";
}
