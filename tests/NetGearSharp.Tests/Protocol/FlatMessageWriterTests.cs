using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Protocol;

/// <summary>
/// <see cref="FlatMessageWriter"/> writes flat messages without the serializer's general path: its bytes must be the
/// serializer's, for every value and every options it takes, and it must leave every message it cannot write as the
/// serializer does to the serializer (the header then holds the serializer's bytes all the same).
/// </summary>
public class FlatMessageWriterTests
{
    public class Stamp
    {
        [JsonPropertyName("t")] public double T { get; set; }
        [JsonPropertyName("n")] public long N { get; set; }
    }

    public class Reading
    {
        public string? Camera { get; set; }
        public float Gain { get; set; }
        public int Frame { get; set; }
        public bool Motion { get; set; }
        public double Temperature { get; set; }
    }

    public class DerivedReading : Reading
    {
        public string? Site { get; set; }
    }

    public sealed record PositionalReading(double Temperature, string? Camera, bool Motion);

    public class Tagged<T> { public int N { get; set; } = 7; public string Kind { get; set; } = typeof(T).Name; }

    public class Nested { public Stamp Inner { get; set; } = new(); }

    public class WithList { public List<int> Values { get; set; } = [1, 2]; }

    public class WithIgnoredNull { [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Note { get; set; } public int N { get; set; } }

    public class WithStringNumber { [JsonNumberHandling(JsonNumberHandling.WriteAsString)] public long N { get; set; } }

    public class WithOrder { [JsonPropertyOrder(2)] public int A { get; set; } public int B { get; set; } }

    public class WithConverter { [JsonConverter(typeof(JsonStringEnumConverter))] public DayOfWeek Day { get; set; } public int N { get; set; } }

#pragma warning disable CA1051 // a field the serializer writes is what this type is about
    public class WithField { [JsonInclude] public int Field = 3; public int N { get; set; } }
#pragma warning restore CA1051

    public class WithCallback : IJsonOnSerializing { public int N { get; set; } public void OnSerializing() { } }

    public struct StructStamp { public double T { get; set; } public long N { get; set; } }

    private static readonly double[] Doubles =
        [1796553381019.1846, 0.1, -0.0, 0.0, 1e-300, double.Epsilon, double.MaxValue, -123456.789, 3, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    private static readonly float[] Floats = [0.1f, -2.5e-30f, float.MaxValue, float.NaN, float.NegativeInfinity, 7f];

    private static readonly string?[] Texts = [null, "", "plain", "quote \" backslash \\ newline \n tab \t", "non-ASCII é ✓ 漢字", "emoji 😀 <script>&'", "\u0001\u001f"];

    /// <summary>Messages the flat writer takes (with the default options), one per value of interest.</summary>
    public static IEnumerable<object> FlatMessages()
    {
        var n = 0;
        foreach (var t in Doubles) yield return new Stamp { T = t, N = n++ };
        foreach (var t in Doubles) yield return new { t, n = long.MinValue + n++ };
        for (var i = 0; i < Texts.Length; i++)
            yield return new Reading { Camera = Texts[i], Gain = Floats[i % Floats.Length], Frame = int.MinValue + i, Motion = i % 2 == 0, Temperature = Doubles[i] };
        yield return new DerivedReading { Camera = "cam", Site = "lab", Frame = int.MaxValue, Temperature = 21.5 };
        yield return new PositionalReading(-40.25, "garage", Motion: true);
        yield return new { label = "spaces and \"quotes\"", ok = true, count = 0, ratio = 0.5f };
    }

    /// <summary>Messages the serializer must write: nested, collections, ignore conditions, number handling, order, converters, fields, callbacks, structs, primitives, dictionaries.</summary>
    public static IEnumerable<object> OtherMessages() =>
    [
        new Nested(), new WithList(), new WithIgnoredNull(), new WithStringNumber { N = 5 }, new WithOrder { A = 1, B = 2 },
        new WithConverter { Day = DayOfWeek.Friday }, new WithField(), new WithCallback(), new StructStamp { T = 1.5, N = 2 },
        new { inner = new { a = 1 } }, new { when = new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc) }, new { values = new[] { 1, 2 } },
        42, "text", 1.5, new Dictionary<string, object?> { ["t"] = 1.5, ["n"] = 2L },
    ];

    /// <summary>Options the flat writer takes as they are, prepared as the servers prepare them.</summary>
    public static TheoryData<string> FlatOptions => ["default", "general", "relaxed", "snake", "strict numbers"];

    private static JsonSerializerOptions Options(string name) => name switch
    {
        "default" => MessageJson.Default,
        "general" => MessageJson.For(new JsonSerializerOptions(JsonSerializerDefaults.General)),
        "relaxed" => MessageJson.For(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
        "snake" => MessageJson.For(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }),
        "strict numbers" => MessageJson.For(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.Strict }),
        "ignore null" => MessageJson.For(new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull }),
        "numbers as strings" => MessageJson.For(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.WriteAsString }),
        "read-only ignored" => MessageJson.For(new JsonSerializerOptions { IgnoreReadOnlyProperties = true }),
        "references" => MessageJson.For(new JsonSerializerOptions { ReferenceHandler = ReferenceHandler.Preserve }),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(FlatOptions))]
    public void AFlatMessageIsWrittenFlatWithTheSerializersBytes(string optionsName)
    {
        // Both forms: as prepared (floats as the serializer writes them) and for writing (whole floats as 3.0).
        foreach (var options in new[] { Options(optionsName), MessageJson.Writing(Options(optionsName)) })
        {
            foreach (var message in FlatMessages())
            {
                var flat = FlatMessageWriter.TryCreate(message.GetType(), options);
                Assert.NotNull(flat);
                Assert.Equal(Serialized(message, options), Written(w => flat.Write(w, message), options));
            }
        }
    }

    [Theory]
    [MemberData(nameof(FlatOptions))]
    public void TheHeadersMessageIsTheSerializersForEveryMessage(string optionsName)
    {
        var options = Options(optionsName);
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, options);
        foreach (var message in FlatMessages().Concat(OtherMessages()))
        {
            var header = writer.WriteFrame(message, ElementType.UInt8, [480, 640, 3], null);
            using var parsed = JsonDocument.Parse(header);
            Assert.Equal(Serialized(message, MessageJson.Writing(options)), parsed.RootElement.GetProperty("message").GetRawText());
        }
    }

    [Fact]
    public void MoreMessageTypesThanTheWriterKeepsAreWrittenWithTheSerializersBytesAllTheSame()
    {
        // 80 distinct flat types (Tagged<int>, Tagged<Tagged<int>>, ...), each sent twice: past the types a header writer
        // keeps writers for, the serializer writes them.
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default);
        var type = typeof(int);
        var messages = new List<object>();
        for (var i = 0; i < 80; i++)
        {
            type = typeof(Tagged<>).MakeGenericType(type);
            messages.Add(Activator.CreateInstance(type)!);
        }
        foreach (var message in messages.Concat(messages))
        {
            using var parsed = JsonDocument.Parse(writer.WriteFrame(message, ElementType.UInt8, [2, 2], null));
            Assert.Equal(Serialized(message, MessageJson.Writing(MessageJson.Default)), parsed.RootElement.GetProperty("message").GetRawText());
        }
    }

    [Fact]
    public void MessagesTheFlatWriterCannotWriteAsTheSerializerDoesAreLeftToIt()
    {
        foreach (var message in OtherMessages())
        {
            Assert.Null(FlatMessageWriter.TryCreate(message.GetType(), MessageJson.Default));
            Assert.Null(FlatMessageWriter.TryCreate(message.GetType(), MessageJson.Writing(MessageJson.Default)));
        }
    }

    [Theory]
    [InlineData("ignore null")]
    [InlineData("numbers as strings")]
    [InlineData("read-only ignored")]
    [InlineData("references")]
    public void OptionsThatChangeHowPropertiesAreWrittenLeaveEveryMessageToTheSerializer(string optionsName)
    {
        var options = Options(optionsName);
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, options);
        foreach (var message in FlatMessages())
        {
            Assert.Null(FlatMessageWriter.TryCreate(message.GetType(), options));
            Assert.Null(FlatMessageWriter.TryCreate(message.GetType(), MessageJson.Writing(options)));
            using var parsed = JsonDocument.Parse(writer.WriteFrame(message, ElementType.UInt8, [2, 2], null));
            Assert.Equal(Serialized(message, MessageJson.Writing(options)), parsed.RootElement.GetProperty("message").GetRawText());
        }
    }

    [Fact]
    public void WithoutNamedFloatingPointLiteralsANonFiniteNumberFailsAsWithTheSerializer()
    {
        // MessageJson always allows them (Python's json writes NaN); options prepared without them refuse NaN either way.
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.Strict };
        options.MakeReadOnly(populateMissingResolver: true);
        var flat = FlatMessageWriter.TryCreate(typeof(Stamp), options);
        Assert.NotNull(flat);
        var message = new Stamp { T = double.NaN };
        Assert.Throws<ArgumentException>(() => JsonSerializer.Serialize(message, options));
        Assert.Throws<ArgumentException>(() => Written(w => flat.Write(w, message), options));
    }

    private static string Serialized(object message, JsonSerializerOptions options) => JsonSerializer.Serialize(message, message.GetType(), options);

    private static string Written(Action<Utf8JsonWriter> write, JsonSerializerOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder }))
            write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
