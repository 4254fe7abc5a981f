using System.Text;
using System.Text.Json;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Protocol;

/// <summary>
/// Python's json module (VidGear's send_json) writes NaN and the infinities as bare words; they are read as the JSON
/// strings the library writes for them, and typed messages get the floats back.
/// </summary>
public class PythonFloatWordsTests
{
    [Theory]
    [InlineData("{\"t\": NaN}", "{\"t\": \"NaN\"}")]
    [InlineData("{\"a\": [Infinity, -Infinity, NaN]}", "{\"a\": [\"Infinity\", \"-Infinity\", \"NaN\"]}")]
    [InlineData("{\"a\":[NaN,1],\"b\":{\"c\":-Infinity}}", "{\"a\":[\"NaN\",1],\"b\":{\"c\":\"-Infinity\"}}")]
    [InlineData("{\"s\": \"NaN \\\" Infinity\", \"t\": NaN}", "{\"s\": \"NaN \\\" Infinity\", \"t\": \"NaN\"}")] // words in strings stay
    [InlineData("NaN", "\"NaN\"")]
    [InlineData("{\"t\": NaN\n}", "{\"t\": \"NaN\"\n}")]
    public void Bare_words_where_a_value_goes_are_quoted(string python, string expected)
    {
        Assert.True(PythonFloatWords.TryQuote(Encoding.UTF8.GetBytes(python), out var quoted));
        Assert.Equal(expected, Encoding.UTF8.GetString(quoted));
        using var _ = JsonDocument.Parse(quoted); // valid JSON now
    }

    [Theory]
    [InlineData("{\"t\": 1.5}")]
    [InlineData("{\"s\": \"NaN\"}")]
    [InlineData("{\"t\": NaNa}")]       // not the word: left for the parser to refuse
    [InlineData("{\"t\": nan}")]
    [InlineData("{\"NaN\": 1}")]
    [InlineData("not json")]
    public void Nothing_else_is_touched(string json)
    {
        Assert.False(PythonFloatWords.TryQuote(Encoding.UTF8.GetBytes(json), out _));
    }

    private sealed record Reading(double T, double[] I, float F, int N);

    [Fact]
    public void A_header_with_Pythons_NaN_and_Infinity_parses_and_the_typed_message_has_the_floats()
    {
        // Exactly what VidGear 0.3.5 sends (json.dumps) for message={"t": float("nan"), "i": [inf, -inf], "f": nan, "n": 3}.
        var header = Encoding.UTF8.GetBytes("{\"port\": \"5566\", \"terminate_flag\": false, \"compression\": false, " +
            "\"message\": {\"t\": NaN, \"i\": [Infinity, -Infinity], \"f\": NaN, \"n\": 3}, \"pattern\": \"1\", \"dtype\": \"uint8\", \"shape\": [2, 2, 3]}");
        var result = HeaderReader.Parse(header, out var parsed, out var port);
        Assert.True(result.Success, result.Reason);
        Assert.Equal(5566, port);
        Assert.Equal([2, 2, 3], parsed.Shape!);
        var reading = JsonSerializer.Deserialize<Reading>(parsed.Message, NetGearMessageJson.CreateOptions())!;
        Assert.True(double.IsNaN(reading.T));
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], reading.I);
        Assert.True(float.IsNaN(reading.F));
        Assert.Equal(3, reading.N);
    }

    [Fact]
    public void A_header_that_is_not_json_for_another_reason_is_still_invalid_json()
    {
        var result = HeaderReader.Parse(Encoding.UTF8.GetBytes("{\"port\": \"5566\", \"message\": {\"t\": NaN, }}"), out _, out _);
        Assert.False(result.Success);
        Assert.Equal(MalformedKind.InvalidJson, result.Error);
    }
}
