using System.Text.Json;

namespace NetGearSharp.Cli.Tests.Cli;

public sealed class ArgumentParsersTests
{
    [Theory]
    [InlineData("""{"a":1}""", JsonValueKind.Object)]
    [InlineData("42", JsonValueKind.Number)]
    [InlineData("[1,2]", JsonValueKind.Array)]
    [InlineData("\"quoted\"", JsonValueKind.String)]
    [InlineData("false", JsonValueKind.False)]
    public void A_message_that_parses_as_json_is_sent_as_that_json_value(string text, JsonValueKind kind)
    {
        var message = Assert.IsType<JsonElement>(ArgumentParsers.Message(text));
        Assert.Equal(kind, message.ValueKind);
    }

    [Theory]
    [InlineData("hello camera")]
    [InlineData("{not json")]
    public void Any_other_message_is_sent_as_a_string(string text)
        => Assert.Equal(text, Assert.IsType<string>(ArgumentParsers.Message(text)));

    [Fact]
    public void Port_lists_and_sizes_parse()
    {
        Assert.Equal([5566, 5567], ArgumentParsers.PortList("5566, 5567", "--ports"));
        Assert.Equal((640, 480), ArgumentParsers.Size("640X480", "--size"));
        Assert.Equal(NetGearPattern.PubSub, ArgumentParsers.Pattern("pubsub", "--pattern"));
    }

    [Theory]
    [InlineData("420", JpegSubsampling.Chroma420)]
    [InlineData("4:2:0", JpegSubsampling.Chroma420)]
    [InlineData("422", JpegSubsampling.Chroma422)]
    [InlineData("444", JpegSubsampling.Chroma444)]
    public void Jpeg_subsampling_parses_with_or_without_colons(string text, JpegSubsampling expected)
        => Assert.Equal(expected, ArgumentParsers.Subsampling(text, "--jpeg-subsampling"));

    [Fact]
    public void An_unknown_jpeg_subsampling_names_the_allowed_ones()
    {
        var ex = Assert.Throws<UsageException>(() => ArgumentParsers.Subsampling("411", "--jpeg-subsampling"));
        Assert.Equal("--jpeg-subsampling", ex.Option);
        Assert.Contains("'411'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("420, 422 or 444", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_spec_names_test_pattern_camera_or_file()
    {
        Assert.IsType<TestPatternSpec>(SourceSpec.Parse("testsrc"));
        Assert.Equal(2, Assert.IsType<CameraSpec>(SourceSpec.Parse("camera:2")).Index);
        Assert.Equal("--source", Assert.Throws<UsageException>(() => SourceSpec.Parse("camera:x")).Option);
    }
}
