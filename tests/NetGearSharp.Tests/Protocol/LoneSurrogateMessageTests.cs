using System.Text;
using System.Text.Json;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Protocol;

/// <summary>
/// A message string with a lone surrogate escape (<c>"\udce9"</c>: what Python's <c>json</c> writes for a file name
/// that is not UTF-8) is valid JSON text that <see cref="JsonElement.WriteTo"/> refuses. It is passed on as it came:
/// by <see cref="NetGearMessageJson.ToJsonBytes"/>, by a server sending it, and as return data.
/// </summary>
public sealed class LoneSurrogateMessageTests
{
    private const string Text = """{"camera": "cam-\udce9tage", "n": [1, 2]}""";

    [Fact]
    public void ToJsonBytes_gives_such_a_message_as_it_came_and_others_compact()
    {
        using var odd = JsonDocument.Parse(Text);
        Assert.Throws<InvalidOperationException>(() => odd.RootElement.WriteTo(new Utf8JsonWriter(Stream.Null))); // what it mends
        Assert.Equal(Text, Encoding.UTF8.GetString(NetGearMessageJson.ToJsonBytes(odd.RootElement)));

        using var plain = JsonDocument.Parse("""{"camera": "door", "n": [1, 2]}""");
        Assert.Equal("""{"camera":"door","n":[1,2]}""", Encoding.UTF8.GetString(NetGearMessageJson.ToJsonBytes(plain.RootElement)));
        Assert.Throws<InvalidOperationException>(() => NetGearMessageJson.ToJsonBytes(default));
    }

    [Fact]
    public void Return_data_takes_such_a_message()
    {
        using var odd = JsonDocument.Parse(Text);
        Assert.Contains("\\udce9", NetGearReturnData.FromValue(odd.RootElement).ToString(), StringComparison.Ordinal);
        Assert.Contains("\\udce9", NetGearReturnData.FromJson(Text).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_writes_such_a_message_into_its_header()
    {
        using var odd = JsonDocument.Parse(Text);
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default);
        var header = Encoding.UTF8.GetString(writer.WriteFrame(odd.RootElement, ElementType.UInt8, [2, 2, 3], null).Span);
        Assert.Contains("\"cam-\\udce9tage\"", header, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(header);
        Assert.Equal(2, parsed.RootElement.GetProperty("message").GetProperty("n").GetArrayLength());
        var next = Encoding.UTF8.GetString(writer.WriteFrame(odd.RootElement, ElementType.UInt8, [2, 2, 3], null).Span);
        Assert.Equal(header, next); // and the writer is whole for the next frame
    }

    /// <summary>
    /// The header's bytes exactly, by either path: an element the header's writer takes is written into it compact
    /// (nothing made apart); one it refuses part of the way through (here after more than the writer's first buffer,
    /// so half of it has reached the header's buffer) is written as it came, with nothing of the refused try left.
    /// </summary>
    [Theory]
    [MemberData(nameof(Messages))]
    public void A_header_has_the_message_compact_or_as_it_came_and_nothing_else(string message, string onTheWire)
    {
        using var document = JsonDocument.Parse(message);
        var expected = $$"""{"port":"5566","terminate_flag":false,"compression":false,"message":{{onTheWire}},"pattern":"1","dtype":"uint8","shape":[2,2,3]}""";
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expected, Encoding.UTF8.GetString(writer.WriteFrame(document.RootElement, ElementType.UInt8, [2, 2, 3], null).Span));
            Assert.Equal(expected, Encoding.UTF8.GetString(writer.WriteFrame(document, ElementType.UInt8, [2, 2, 3], null).Span));
            Assert.Equal(expected, Encoding.UTF8.GetString(writer.WriteWhole(document.RootElement, ElementType.UInt8, [2, 2, 3], null).Span));
        }
        var next = new { n = 1 }; // and the writer is whole for another message
        Assert.Equal(new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default).WriteWhole(next, ElementType.UInt8, [2, 2, 3], null).ToArray(),
            writer.WriteFrame(next, ElementType.UInt8, [2, 2, 3], null).ToArray());
    }

    /// <summary>A message as sent, and as it goes out in the header.</summary>
    public static TheoryData<string, string> Messages => new()
    {
        { """{"camera": "door", "n": [1, 2]}""", """{"camera":"door","n":[1,2]}""" },
        { """{"pair": "\ud83d\ude00", "n": [1, 2]}""", """{"pair":"\uD83D\uDE00","n":[1,2]}""" }, // a valid pair: the writer's own escapes
        { Text, Text },
        { LongText, LongText },
    };

    private static readonly string LongText = $$"""{"padding": "{{new string('x', 4096)}}", "file": "\udce9.jpg"}""";
}
