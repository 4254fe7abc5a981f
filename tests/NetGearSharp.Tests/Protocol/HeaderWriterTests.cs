using System.Text;
using System.Text.Json;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Protocol;

/// <summary>
/// <see cref="HeaderWriter.WriteFrame"/> writes only the message per frame and keeps the parts around it: its bytes must
/// be those of the whole header written property by property, whatever the message and when the frame's type, shape or
/// compression change between frames.
/// </summary>
public class HeaderWriterTests
{
    private static readonly CompressionInfo Jpeg = new(FastDct: true, FastUpsample: false, JpegColorSpace.Bgr);

    public static IEnumerable<object?[]> Messages =>
    [
        [null],
        [new Dictionary<string, object?> { ["t"] = 1733370000123.5, ["n"] = 42L }],
        ["quote \" backslash \\ newline \n non-ASCII é ✓"],
        [JsonDocument.Parse("""{"nested": {"a": [1, 2.5, "x", null, true]}, "message": "inside"}""").RootElement],
        [new[] { 1, 2, 3 }],
        [double.NaN],
        [JsonDocument.Parse("[]")],
        [7],
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void AFrameHeaderIsTheWholeHeaderWrittenPropertyByProperty(object? message)
    {
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default);
        var reference = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default);
        foreach (var (type, shape, compression) in FrameKinds())
        {
            var written = writer.WriteFrame(message, type, shape, compression).ToArray();
            var expected = reference.WriteWhole(message, type, shape, compression).ToArray();
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(written));
        }
    }

    [Fact]
    public void SingleServerHeadersHaveNoPortAndKeepVidGearsKeyOrder()
    {
        var writer = new HeaderWriter(null, NetGearPattern.PubSub, MessageJson.Default);
        var header = writer.WriteFrame(new Dictionary<string, int> { ["n"] = 1 }, ElementType.UInt16, [4, 6], null).ToArray();
        using var parsed = JsonDocument.Parse(header);
        Assert.Equal(["terminate_flag", "compression", "message", "pattern", "dtype", "shape"],
            parsed.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1, parsed.RootElement.GetProperty("message").GetProperty("n").GetInt32());
        Assert.Equal("uint16", parsed.RootElement.GetProperty("dtype").GetString());
        Assert.Equal([4, 6], parsed.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray());
    }

    [Fact]
    public void AMessageThatCannotBeWrittenFailsThatFrameOnlyAndTheNextHeaderIsWhole()
    {
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default);
        Assert.ThrowsAny<Exception>(() => writer.WriteFrame(new Unwritable(0), ElementType.UInt8, [2, 2, 3], null));
        var header = writer.WriteFrame("next", ElementType.UInt8, [2, 2, 3], null).ToArray();
        var expected = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default).WriteWhole("next", ElementType.UInt8, [2, 2, 3], null).ToArray();
        Assert.Equal(expected, header);
    }

    /// <summary>Frames whose type, shape or compression change from one to the next, and come back.</summary>
    private static IEnumerable<(ElementType Type, int[] Shape, CompressionInfo? Compression)> FrameKinds()
    {
        yield return (ElementType.UInt8, [480, 640, 3], null);
        yield return (ElementType.UInt8, [480, 640, 3], null);
        yield return (ElementType.UInt8, [480, 640], null);
        yield return (ElementType.UInt16, [480, 640], null);
        yield return (ElementType.UInt8, [480, 640, 3], Jpeg);
        yield return (ElementType.UInt8, [480, 640, 3], Jpeg with { ColorSpace = JpegColorSpace.Rgb });
        yield return (ElementType.Float32, [1, 1, 1, 1], null);
        yield return (ElementType.UInt8, [480, 640, 3], null);
        yield return (ElementType.Int16, [5, 7], null);
        yield return (ElementType.Int16, [3, 4, 2], null);
        yield return (ElementType.Int16, [2, 3, 2, 2], null);
        yield return (ElementType.Int16, [1, 6], null);
    }

    /// <summary>A message whose property throws when serialized (with 0).</summary>
    private sealed class Unwritable(int value)
    {
        public int Value => value == 0 ? throw new InvalidOperationException("no value") : value;
    }

    [Fact]
    public void A_header_longer_than_a_client_reads_is_refused_giving_its_size_and_the_writer_goes_on()
    {
        var writer = new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default);
        var shape = new[] { 480, 640, 3 };
        var empty = writer.WriteFrame("", ElementType.UInt8, shape, null).Length;
        // A string of plain letters adds its length: the longest header a client reads, then one byte more.
        var longest = writer.WriteFrame(new string('y', HeaderReader.MaxHeaderBytes - empty), ElementType.UInt8, shape, null);
        Assert.Equal(HeaderReader.MaxHeaderBytes, longest.Length);

        var error = Assert.Throws<ArgumentException>(() => writer.WriteFrame(new string('y', HeaderReader.MaxHeaderBytes - empty + 1), ElementType.UInt8, shape, null));
        Assert.Equal("message", error.ParamName);
        Assert.Contains("1,048,577 bytes", error.Message);
        Assert.Contains("at most 1,048,576", error.Message);

        var next = writer.WriteFrame(new { n = 1 }, ElementType.UInt8, shape, null).ToArray();
        Assert.Equal(new HeaderWriter("5566", NetGearPattern.ReqRep, MessageJson.Default).WriteWhole(new { n = 1 }, ElementType.UInt8, shape, null).ToArray(), next);
    }
}
