using System.Text.Json;
using System.Text.Json.Serialization;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Protocol;

/// <summary>
/// Floating-point numbers go out as Python writes floats: a whole one keeps its decimal point (<c>21.0</c>), so a
/// Python peer reads a <c>float</c>, not an <c>int</c>. In messages (the flat path and the serializer's) and in return
/// data, whose <c>return_type</c> then says <c>float</c>.
/// </summary>
public class PythonFloatTests
{
    public sealed class Stamp
    {
        public double T { get; set; }
        public float F { get; set; }
        public long N { get; set; }
    }

    public sealed class WithOwnHandling
    {
        [JsonNumberHandling(JsonNumberHandling.WriteAsString)] public double T { get; set; }
        [JsonNumberHandling(JsonNumberHandling.WriteAsString)] public double? Maybe { get; set; }
    }

    private static string Message(object? message, JsonSerializerOptions? options = null)
    {
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, options ?? MessageJson.Default);
        using var header = JsonDocument.Parse(writer.WriteFrame(message, ElementType.UInt8, [2, 2], null));
        return header.RootElement.GetProperty("message").GetRawText();
    }

    [Theory]
    [InlineData(21.0, "21.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(3.0, "3.0")]
    [InlineData(21.5, "21.5")]
    [InlineData(1e16, "10000000000000000.0")]
    [InlineData(1e17, "1E+17")]      // the serializer's exponent form: Python reads a float from it too
    [InlineData(123456789012.0, "123456789012.0")]
    [InlineData(1764287000123.25, "1764287000123.25")]
    [InlineData(-2.5e-7, "-2.5E-07")]
    public void A_double_in_a_flat_message_keeps_its_point(double value, string text)
    {
        Assert.Equal($$"""{"t":{{text}},"f":7.0,"n":5}""", Message(new Stamp { T = value, F = 7f, N = 5 }));
        Assert.Equal($$"""{"t":{{text}}}""", Message(new { t = value }));
    }

    [Fact]
    public void Doubles_the_serializer_writes_keep_their_points_too()
    {
        Assert.Equal("[1.0,2.5,-3.0]", Message(new[] { 1.0, 2.5, -3.0 }));
        Assert.Equal("""{"xy":[1.0,2.0],"s":0.5}""", Message(new { xy = new List<double> { 1, 2 }, s = 0.5f }));
        Assert.Equal("""{"t":1.0,"n":2}""", Message(new Dictionary<string, object> { ["t"] = 1.0, ["n"] = 2 }));
        Assert.Equal("[4.0,5]", Message((4.0, 5)));                      // a tuple, as Python's
        Assert.Equal("""{"a":2.0,"b":null}""", Message(new { a = (double?)2, b = (double?)null }));
        Assert.Equal("""{"h":1.0}""", Message(new { h = (Half)1 }));
        Assert.Equal("2.0", Message(2.0));
        Assert.Equal("""{"inner":{"t":8.0}}""", Message(new { inner = new { t = 8.0 } }));
        Assert.Equal("""{"1":2.0}""", Message(new Dictionary<double, double> { [1.0] = 2.0 })); // keys are strings, as in Python
    }

    [Fact]
    public void Integers_decimals_and_non_finite_floats_are_written_as_before()
    {
        Assert.Equal("""{"n":3,"l":4}""", Message(new { n = 3, l = 4L }));
        Assert.Equal("""{"d":3,"e":3.0}""", Message(new { d = 3m, e = 3.0m })); // a decimal keeps its own scale
        Assert.Equal("""{"t":"NaN","i":["Infinity","-Infinity"]}""", Message(new { t = double.NaN, i = new[] { double.PositiveInfinity, double.NegativeInfinity } }));
        Assert.Equal("""{"t":"NaN","f":"-Infinity","n":0}""", Message(new Stamp { T = double.NaN, F = float.NegativeInfinity }));
    }

    [Fact]
    public void A_property_with_its_own_number_handling_keeps_it()
    {
        Assert.Equal("""{"t":"3","maybe":"2.5"}""", Message(new WithOwnHandling { T = 3, Maybe = 2.5 }));
    }

    [Fact]
    public void Options_that_write_numbers_as_strings_keep_doing_so()
    {
        var options = MessageJson.For(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.WriteAsString });
        Assert.Equal("""{"t":"3"}""", Message(new { t = 3.0 }, options));
    }

    [Fact]
    public void Your_own_converter_for_doubles_comes_first()
    {
        var user = new JsonSerializerOptions();
        user.Converters.Add(new FixedTwoConverter());
        Assert.Equal("""{"t":3.00}""", Message(new { t = 3.0 }, MessageJson.For(user)));
    }

    [Fact]
    public void Reading_is_unchanged()
    {
        // The writing form is only for writing: reading a Python float, or NaN as Python's bare word, or a number in a string.
        var options = MessageJson.Default;
        Assert.Equal(3.0, JsonSerializer.Deserialize<double>("3", options));
        Assert.Equal(21.5, JsonSerializer.Deserialize<Stamp>("""{"t": 21.5, "f": 1.0, "n": 2}""", options)!.T);
        Assert.True(double.IsNaN(JsonSerializer.Deserialize<Stamp>("""{"t": "NaN", "f": 1, "n": 2}""", options)!.T));
        Assert.Equal(4.0, JsonSerializer.Deserialize<double>("\"4\"", options));
    }

    [Theory]
    [InlineData(3.0, "float", "3.0")]
    [InlineData(3.5, "float", "3.5")]
    [InlineData(-0.0, "float", "-0.0")]
    [InlineData(1e20, "float", "1E+20")]
    public void Return_data_of_a_double_is_a_Python_float(double value, string type, string json)
    {
        var data = NetGearReturnData.FromValue(value);
        Assert.Equal(type, data.ReturnType);
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(data.Json.Span));
    }

    [Fact]
    public void Return_data_types_follow_what_Python_reads()
    {
        Assert.Equal("float", NetGearReturnData.FromValue(2f).ReturnType);
        Assert.Equal("float", NetGearReturnData.FromValue((Half)2).ReturnType);
        Assert.Equal("int", NetGearReturnData.FromValue(3).ReturnType);
        Assert.Equal("int", NetGearReturnData.FromValue(3m).ReturnType);
        Assert.Equal("float", NetGearReturnData.FromValue(3.0m).ReturnType);
        Assert.Equal("int", NetGearReturnData.FromValue(ulong.MaxValue).ReturnType); // an int of any size, in Python
        Assert.Equal("float", NetGearReturnData.FromJson("3.0").ReturnType);
        Assert.Equal("int", NetGearReturnData.FromJson("3").ReturnType);
        Assert.Equal("str", NetGearReturnData.FromValue(double.NaN).ReturnType); // written as the string "NaN"
        var list = NetGearReturnData.FromValue(new[] { 1.0, 2.0 });
        Assert.Equal("list", list.ReturnType);
        Assert.Equal("[1.0,2.0]", System.Text.Encoding.UTF8.GetString(list.Json.Span));
    }

    private sealed class FixedTwoConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
            => writer.WriteRawValue(value.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
    }
}
