using System.Text;
using System.Text.Json;

namespace NetGearSharp.Protocol;

/// <summary>Parses a header part without allocating for the common fields. Never throws on bad input.</summary>
internal static class HeaderReader
{
    /// <summary>The most dimensions a frame's shape may have (<see cref="Frame.MaxDimensions"/>).</summary>
    public const int MaxRank = Frame.MaxDimensions;

    /// <summary>
    /// The largest header a client reads (1 MiB); a longer one is dropped as malformed. A server refuses to send a
    /// message whose header would be longer (<see cref="HeaderWriter"/>).
    /// </summary>
    public const int MaxHeaderBytes = 1024 * 1024;

    private static readonly byte[][] DTypeNames =
        Enum.GetValues<ElementType>().Select(t => Encoding.UTF8.GetBytes(t.WireName())).ToArray();

    /// <summary>Parses a header.</summary>
    /// <param name="json">The header part.</param>
    /// <param name="header">The parsed header when the result is a success.</param>
    /// <param name="port">The port named by the header, when it could be read (also on failure, to count it against that server).</param>
    public static HeaderParseResult Parse(ReadOnlySpan<byte> json, out FrameHeader header, out int? port)
    {
        header = default;
        port = null;
        // Utf8JsonReader does not validate the UTF-8 of names it skips; VidGear (Python) rejects such a header outright.
        if (!System.Text.Unicode.Utf8.IsValid(json)) return HeaderParseResult.Fail(MalformedKind.InvalidJson, "the header is not valid UTF-8");
        try
        {
            var result = ParseCore(json, out header, out var named);
            port = named;
            return result;
        }
        catch (JsonException ex)
        {
            // A Python server's NaN or Infinity (bare words, not JSON): read as the strings the library writes for them.
            if (PythonFloatWords.TryQuote(json, out var quoted)) return Parse(quoted, out header, out port);
            return HeaderParseResult.Fail(MalformedKind.InvalidJson, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader throws this for a value of another type than the getter expects, or for bad UTF-8.
            return HeaderParseResult.Fail(MalformedKind.BadHeaderField, ex.Message);
        }
    }

    /// <summary>The port a header names, or null (none, or unreadable); for a transport that checks headers itself.</summary>
    public static int? NamedPort(ReadOnlySpan<byte> json)
    {
        Parse(json, out _, out var port);
        return port;
    }

    private static HeaderParseResult ParseCore(ReadOnlySpan<byte> json, out FrameHeader header, out int? port)
    {
        header = default;
        port = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = NetGearMessageJson.MaxDepth + 1 }); // the message lies inside the header
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return HeaderParseResult.Fail(MalformedKind.InvalidJson, "the header is not a JSON object");

        bool portSeen = false, terminate = false, terminateSeen = false, dtypeSeen = false, shapeSeen = false;
        CompressionInfo? compression = null;
        ReadOnlySpan<byte> message = default;
        ElementType dtype = default;
        int[]? shape = null;

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) break;
            if (reader.TokenType != JsonTokenType.PropertyName)
                return HeaderParseResult.Fail(MalformedKind.InvalidJson, "expected a property name");

            if (reader.ValueTextEquals("port"u8))
            {
                reader.Read();
                portSeen = true;
                var r = ReadPort(ref reader, out port);
                if (!r.Success) return r;
            }
            else if (reader.ValueTextEquals("terminate_flag"u8))
            {
                reader.Read();
                terminateSeen = true;
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) terminate = reader.GetBoolean();
                else return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "terminate_flag is not a boolean");
            }
            else if (reader.ValueTextEquals("compression"u8))
            {
                reader.Read();
                var r = ReadCompression(ref reader, out compression);
                if (!r.Success) return r;
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) { message = default; continue; }
                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip()) return HeaderParseResult.Fail(MalformedKind.InvalidJson, "message is truncated");
                var end = (int)reader.BytesConsumed;
                message = json[start..end];
            }
            else if (reader.ValueTextEquals("dtype"u8))
            {
                reader.Read();
                dtypeSeen = true;
                if (reader.TokenType != JsonTokenType.String)
                    return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "dtype is not a string");
                if (reader.ValueSpan.Length == 0) { dtypeSeen = false; continue; }
                if (!TryMatchDType(ref reader, out dtype))
                    return HeaderParseResult.Fail(MalformedKind.UnknownElementType, ElementTypes.Unsupported("dtype", Truncate(reader.GetString())));
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                reader.Read();
                shapeSeen = true;
                if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 0) { shapeSeen = false; continue; }
                var r = ReadShape(ref reader, out shape);
                if (!r.Success) return r;
            }
            else
            {
                reader.Read();
                if (!reader.TrySkip()) return HeaderParseResult.Fail(MalformedKind.InvalidJson, "header is truncated");
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
            return HeaderParseResult.Fail(MalformedKind.InvalidJson, "header is truncated");
        // Anything after the object is not JSON.
        if (reader.Read()) return HeaderParseResult.Fail(MalformedKind.InvalidJson, "trailing data after the header object");

        if (!terminateSeen)
            return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "terminate_flag is missing");
        if (!terminate && compression is null)
        {
            if (!dtypeSeen) return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "dtype is missing");
            if (!shapeSeen) return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "shape is missing");
        }

        header = new FrameHeader
        {
            Port = portSeen ? port : null,
            Terminate = terminate,
            Compression = compression,
            Message = message,
            ElementType = dtype,
            Shape = compression is null ? shape : null,
        };
        return HeaderParseResult.Ok;
    }

    internal static HeaderParseResult ReadPort(ref Utf8JsonReader reader, out int? port)
    {
        port = null;
        int value;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt32(out value))
                return HeaderParseResult.Fail(MalformedKind.UnknownPort, "port is not a whole number");
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            Span<char> buffer = stackalloc char[16];
            if (reader.ValueSpan.Length > 16 || reader.ValueIsEscaped)
                return HeaderParseResult.Fail(MalformedKind.UnknownPort, "port is not a port number");
            var n = reader.CopyString(buffer);
            if (!PortNames.TryParse(buffer[..n], out value))
                return HeaderParseResult.Fail(MalformedKind.UnknownPort, $"port '{buffer[..n].ToString()}' is not a port number");
        }
        else
        {
            return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "port is neither a string nor a number");
        }
        if (value is < 1 or > 65535)
            return HeaderParseResult.Fail(MalformedKind.UnknownPort, $"port {value} is outside 1-65535");
        port = value;
        return HeaderParseResult.Ok;
    }

    internal static HeaderParseResult ReadCompression(ref Utf8JsonReader reader, out CompressionInfo? compression)
    {
        compression = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.False:
            case JsonTokenType.Null:
                return HeaderParseResult.Ok;
            case JsonTokenType.String when reader.ValueSpan.Length == 0:
                return HeaderParseResult.Ok;
            case JsonTokenType.StartObject:
                break;
            default:
                return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "compression is neither false nor an object");
        }

        bool dct = true, ups = false;
        var space = JpegColorSpace.Bgr;
        Span<char> buffer = stackalloc char[16]; // once, not per key: a header repeating "colorspace" must not overflow the stack
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("dct"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "compression.dct is not a boolean");
                dct = reader.GetBoolean();
            }
            else if (reader.ValueTextEquals("ups"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "compression.ups is not a boolean");
                ups = reader.GetBoolean();
            }
            else if (reader.ValueTextEquals("colorspace"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                    return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "compression.colorspace is not a string");
                if (reader.ValueSpan.Length > 16 || reader.ValueIsEscaped)
                    return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "compression.colorspace is unknown");
                var n = reader.CopyString(buffer);
                if (!JpegColorSpaces.TryParse(buffer[..n], out space))
                    return HeaderParseResult.Fail(MalformedKind.BadHeaderField, $"compression.colorspace '{buffer[..n].ToString()}' is unknown");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        compression = new CompressionInfo(dct, ups, space);
        return HeaderParseResult.Ok;
    }

    internal static bool TryMatchDType(ref Utf8JsonReader reader, out ElementType type)
    {
        for (var i = 0; i < DTypeNames.Length; i++)
        {
            if (reader.ValueTextEquals(DTypeNames[i])) { type = (ElementType)i; return true; }
        }
        var text = reader.GetString();
        return ElementTypes.TryParse(text, out type);
    }

    internal static HeaderParseResult ReadShape(ref Utf8JsonReader reader, out int[]? shape)
    {
        shape = null;
        if (reader.TokenType != JsonTokenType.StartArray)
            return HeaderParseResult.Fail(MalformedKind.BadHeaderField, "shape is not an array");
        Span<int> dims = stackalloc int[MaxRank];
        var rank = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dim))
                return HeaderParseResult.Fail(MalformedKind.BadShape, "shape holds something other than whole numbers");
            if (dim < 0 || dim > int.MaxValue)
                return HeaderParseResult.Fail(MalformedKind.BadShape, $"shape dimension {dim} is outside 0-{int.MaxValue}");
            if (rank == MaxRank)
                return HeaderParseResult.Fail(MalformedKind.BadShape, $"shape has more than {MaxRank} dimensions");
            dims[rank++] = (int)dim;
        }
        // Any NumPy array, as VidGear sends and reads it: an image ([h, w] or [h, w, c]), but also 1-D arrays (scores,
        // coordinates), a 0-D one ([]: one element) or an empty one (a 0 in the shape: no bytes).
        shape = dims[..rank].ToArray();
        return HeaderParseResult.Ok;
    }

    internal static string Truncate(string? text) => text is null ? "" : text.Length <= 32 ? text : text[..32] + "...";
}
