using System.Text.Json;

namespace NetGearSharp.Protocol;

/// <summary>Parses the JSON part of a client's return reply (see <see cref="ReturnHeader"/>). Never throws on bad input.</summary>
internal static class ReturnReader
{
    /// <summary>
    /// Whether <paramref name="json"/> is meant as return data (it names a <c>return_type</c>), readable or not: a reply
    /// without one is an acknowledgement (a client in neither bidirectional nor multi-client mode).
    /// </summary>
    public static bool IsReturnData(ReadOnlySpan<byte> json) => json.IndexOf("\"return_type\""u8) >= 0;

    /// <summary>Parses <paramref name="json"/>; false (with a reason) when it is not a return reply.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out ReturnHeader? header, out string? reason)
    {
        header = null;
        reason = null;
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            reason = "the reply is not valid UTF-8";
            return false;
        }
        try
        {
            return ParseCore(json, out header, out reason);
        }
        catch (JsonException ex)
        {
            // A Python client's NaN or Infinity (bare words, not JSON): read as the strings the library writes for them.
            if (PythonFloatWords.TryQuote(json, out var quoted)) return TryParse(quoted, out header, out reason);
            reason = "the reply is not JSON: " + ex.Message;
            return false;
        }
        catch (InvalidOperationException ex)
        {
            reason = "a field of the reply has the wrong type: " + ex.Message;
            return false;
        }
    }

    private static bool ParseCore(ReadOnlySpan<byte> json, out ReturnHeader? header, out string? reason)
    {
        header = null;
        reason = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = NetGearMessageJson.MaxDepth + 1 }); // the return data lies inside the reply
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reason = "the reply is not a JSON object";
            return false;
        }
        int? port = null;
        string? returnType = null;
        byte[]? data = null;
        CompressionInfo? compression = null;
        ElementType dtype = default;
        var dtypeSeen = false;
        int[]? shape = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("port"u8))
            {
                reader.Read();
                var r = HeaderReader.ReadPort(ref reader, out port);
                if (!r.Success) { reason = r.Reason; return false; }
            }
            else if (reader.ValueTextEquals("return_type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) { reason = "return_type is not a string"; return false; }
                returnType = reader.GetString();
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var isNull = reader.TokenType == JsonTokenType.Null;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                if (!isNull) data = json[start..end].ToArray();
            }
            else if (reader.ValueTextEquals("compression"u8))
            {
                reader.Read();
                var r = HeaderReader.ReadCompression(ref reader, out compression);
                if (!r.Success) { reason = r.Reason; return false; }
            }
            else if (reader.ValueTextEquals("array_dtype"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String) { reason = "array_dtype is not a string"; return false; }
                if (reader.ValueSpan.Length > 0)
                {
                    if (!HeaderReader.TryMatchDType(ref reader, out dtype))
                    {
                        reason = ElementTypes.Unsupported("array_dtype", HeaderReader.Truncate(reader.GetString()));
                        return false;
                    }
                    dtypeSeen = true;
                }
            }
            else if (reader.ValueTextEquals("array_shape"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) continue; // "" with JPEG
                var r = HeaderReader.ReadShape(ref reader, out shape);
                if (!r.Success) { reason = r.Reason; return false; }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (returnType is null)
        {
            reason = "return_type is missing";
            return false;
        }
        if (returnType == ReturnWriter.FrameType && compression is null && (!dtypeSeen || shape is null))
        {
            reason = "a returned array without array_dtype and array_shape";
            return false;
        }
        header = new ReturnHeader
        {
            Port = port,
            ReturnType = returnType,
            DataJson = data,
            Compression = compression,
            ElementType = dtype,
            Shape = shape,
        };
        return true;
    }
}
