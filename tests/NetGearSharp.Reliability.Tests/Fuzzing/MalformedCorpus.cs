using System.Text;
using System.Text.Json.Nodes;

namespace NetGearSharp.Reliability.Tests.Fuzzing;

/// <summary>
/// Makes messages that a client must drop and count: mutations of the recorded VidGear vectors plus random ones.
/// Every message made here is malformed by construction (never a valid frame or a valid goodbye from a listed port),
/// so the client must count each exactly once.
/// </summary>
public sealed class MalformedCorpus
{
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0x28], [0xED, 0xA0, 0x80]];

    private readonly Random _random;
    private readonly IReadOnlyList<WireVector> _vectors;
    private readonly string _listedPort;
    private readonly string _unlistedPort;
    private readonly List<Func<BadMessage>> _makers;

    /// <param name="seed">Seed for reproducible runs (print it on failure).</param>
    /// <param name="vectors">The recorded vectors to mutate.</param>
    /// <param name="listedPort">A port in the client's list (damaged messages claim to come from it).</param>
    /// <param name="unlistedPort">A port not in the client's list.</param>
    public MalformedCorpus(int seed, IReadOnlyList<WireVector> vectors, int listedPort, int unlistedPort)
    {
        _random = new Random(seed);
        _vectors = vectors;
        _listedPort = listedPort.ToString();
        _unlistedPort = unlistedPort.ToString();
        _makers =
        [
            RandomBytesOnePart, RandomBytesTwoParts, RandomPartsWithoutDelimiter, HeaderOnly, ThreeParts, FourParts,
            EmptyHeader, Truncated, TrailingGarbage, InvalidUtf8InMessage, InvalidUtf8InKey, InvalidUtf8InDType,
            WrongTypes, OverflowingShape, NegativeOrFractionalShape, TooManyDimensions, ShapeMismatch, UnknownDType,
            UnknownPort, BadPortText, CorruptJpeg, TruncatedJpeg, HugeLengthClaim, TerminateFromUnknownPort,
            TerminateWithoutPort, MissingFields, NotAnObject,
        ];
    }

    public IEnumerable<BadMessage> Take(int count)
    {
        for (var i = 0; i < count; i++) yield return _makers[i % _makers.Count]();
    }

    private WireVector AnyVector(bool? jpeg = false)
    {
        while (true)
        {
            var v = _vectors[_random.Next(_vectors.Count)];
            if (jpeg is null || v.Jpeg == jpeg) return v;
        }
    }

    /// <summary>A vector's header re-addressed to a listed port, as a mutable copy.</summary>
    private JsonObject Header(WireVector v)
    {
        var h = (JsonObject)v.Header.DeepClone();
        h["port"] = _listedPort;
        return h;
    }

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private byte[] RandomBytes(int min, int max)
    {
        var b = new byte[_random.Next(min, max)];
        _random.NextBytes(b);
        if (b.Length > 0 && b[0] == (byte)'{') b[0] = 0; // keep it certainly not a JSON object
        return b;
    }

    private static BadMessage M(string category, params byte[][] parts) => new(parts, false, category);

    private BadMessage RandomBytesOnePart() => M("random bytes, one part", RandomBytes(0, 300));
    private BadMessage RandomBytesTwoParts() => M("random bytes, two parts", RandomBytes(1, 300), RandomBytes(0, 3000));
    private BadMessage RandomPartsWithoutDelimiter() =>
        new(Enumerable.Range(0, _random.Next(1, 5)).Select(_ => RandomBytes(1, 200)).ToArray(), true, "random parts, no envelope delimiter");

    private BadMessage HeaderOnly() => M("one part: header without its frame", Utf8(Header(AnyVector(null))));

    private BadMessage ThreeParts()
    {
        var v = AnyVector(null);
        return M("three parts", Utf8(Header(v)), v.Payload, RandomBytes(0, 100));
    }

    private BadMessage FourParts()
    {
        var v = AnyVector(null);
        return M("four parts", Utf8(Header(v)), v.Payload, [], v.Payload);
    }

    private BadMessage EmptyHeader() => M("empty header", [], AnyVector().Payload);

    private BadMessage Truncated()
    {
        var v = AnyVector(null);
        var h = Utf8(Header(v));
        return M("truncated JSON", h[.._random.Next(0, h.Length - 1)], v.Payload);
    }

    private BadMessage TrailingGarbage()
    {
        var v = AnyVector(null);
        return M("trailing garbage after JSON", [.. Utf8(Header(v)), .. "x}"u8], v.Payload);
    }

    private BadMessage InvalidUtf8InMessage()
    {
        var v = AnyVector();
        var h = Utf8(Header(v));
        var text = Encoding.UTF8.GetString(h).Replace("\"terminate_flag\"", "\"message\": \"@@\", \"terminate_flag\"");
        return M("invalid UTF-8 in the message", Splice(text, InvalidUtf8[_random.Next(InvalidUtf8.Length)]), v.Payload);
    }

    private BadMessage InvalidUtf8InKey()
    {
        var v = AnyVector();
        var text = Encoding.UTF8.GetString(Utf8(Header(v))).Replace("\"terminate_flag\"", "\"k@@\": 1, \"terminate_flag\"");
        return M("invalid UTF-8 in a key", Splice(text, InvalidUtf8[_random.Next(InvalidUtf8.Length)]), v.Payload);
    }

    private BadMessage InvalidUtf8InDType()
    {
        var v = AnyVector();
        var h = Header(v);
        h["dtype"] = "uint8@@";
        return M("invalid UTF-8 in dtype", Splice(h.ToJsonString(), InvalidUtf8[_random.Next(InvalidUtf8.Length)]), v.Payload);
    }

    /// <summary>Replaces the marker <c>@@</c> in <paramref name="text"/> with raw (invalid UTF-8) bytes.</summary>
    private static byte[] Splice(string text, byte[] raw)
    {
        var at = text.IndexOf("@@", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. raw, .. Encoding.UTF8.GetBytes(text[(at + 2)..])];
    }

    private BadMessage WrongTypes()
    {
        var v = AnyVector();
        var h = Header(v);
        switch (_random.Next(6))
        {
            case 0: h["terminate_flag"] = "false"; break;
            case 1: h["shape"] = "[4, 6, 3]"; break;
            case 2: h["dtype"] = 8; break;
            case 3: h["port"] = new JsonArray(1); break;
            case 4: h["compression"] = 7; break;
            default: h["terminate_flag"] = null; break;
        }
        return M("wrong JSON types", Utf8(h), v.Payload);
    }

    private BadMessage OverflowingShape()
    {
        var v = AnyVector();
        var h = Header(v);
        h["shape"] = _random.Next(2) == 0 ? new JsonArray(int.MaxValue, int.MaxValue, 3) : new JsonArray(65536, 65536, 65536, 65536);
        return M("shape whose size overflows", Utf8(h), v.Payload);
    }

    private BadMessage NegativeOrFractionalShape()
    {
        var v = AnyVector();
        var h = Header(v);
        h["shape"] = _random.Next(3) switch
        {
            0 => new JsonArray(-4, 6, 3),
            1 => new JsonArray(4.5, 6, 3),
            _ => new JsonArray(99_999_999_999L, 1),
        };
        return M("negative, fractional or out-of-range dimension", Utf8(h), v.Payload);
    }

    private BadMessage TooManyDimensions()
    {
        var v = AnyVector();
        var h = Header(v);
        h["shape"] = new JsonArray(Enumerable.Range(0, 40).Select(_ => (JsonNode?)JsonValue.Create(1)).ToArray());
        return M("too many dimensions", Utf8(h), v.Payload);
    }

    private BadMessage ShapeMismatch()
    {
        var v = AnyVector();
        return _random.Next(2) == 0
            ? M("payload shorter than the shape", Utf8(Header(v)), v.Payload[..^1])
            : M("payload longer than the shape", Utf8(Header(v)), [.. v.Payload, .. v.Payload]);
    }

    private BadMessage UnknownDType()
    {
        var v = AnyVector();
        var h = Header(v);
        h["dtype"] = new[] { "complex128", "uint128", "object", "<U8", "float8" }[_random.Next(5)];
        return M("unknown dtype", Utf8(h), v.Payload);
    }

    private BadMessage UnknownPort()
    {
        var v = AnyVector(null);
        var h = (JsonObject)v.Header.DeepClone();
        h["port"] = _random.Next(2) == 0 ? _unlistedPort : int.Parse(_unlistedPort);
        return M("port not in the list", Utf8(h), v.Payload);
    }

    private BadMessage BadPortText()
    {
        var v = AnyVector();
        var h = (JsonObject)v.Header.DeepClone();
        h["port"] = new[] { "0", "70000", "abc", "-1", "" }[_random.Next(5)];
        return M("port that is no port", Utf8(h), v.Payload);
    }

    private BadMessage CorruptJpeg()
    {
        var v = AnyVector(jpeg: true);
        return M("corrupt JPEG", Utf8(Header(v)), RandomBytes(0, 2000));
    }

    private BadMessage TruncatedJpeg()
    {
        var v = AnyVector(jpeg: true);
        return M("JPEG cut before its frame header", Utf8(Header(v)), v.Payload[..Math.Min(100, v.Payload.Length)]);
    }

    private BadMessage HugeLengthClaim()
    {
        var v = AnyVector();
        var h = Header(v);
        h["dtype"] = "uint8";
        h["shape"] = new JsonArray(1 << 30, 2); // 2 GiB claimed, a few bytes sent
        return M("2 GiB length claim", Utf8(h), v.Payload);
    }

    private BadMessage TerminateFromUnknownPort() =>
        M("goodbye from a port not in the list", Encoding.UTF8.GetBytes($"{{\"terminate_flag\": true, \"port\": \"{_unlistedPort}\"}}"));

    private BadMessage TerminateWithoutPort() => M("goodbye without a port", "{\"terminate_flag\": true}"u8.ToArray());

    private BadMessage MissingFields()
    {
        var v = AnyVector();
        var h = Header(v);
        h.Remove(new[] { "terminate_flag", "dtype", "shape" }[_random.Next(3)]);
        return M("missing field", Utf8(h), v.Payload);
    }

    private BadMessage NotAnObject()
    {
        var v = AnyVector();
        var text = new[] { "[1, 2, 3]", "\"frame\"", "42", "null", "true" }[_random.Next(5)];
        return M("JSON that is not an object", Encoding.UTF8.GetBytes(text), v.Payload);
    }
}
