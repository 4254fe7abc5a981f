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

    [Theory]
    [InlineData(0)]
    [InlineData(0.01)]
    [InlineData(29.97)]
    [InlineData(1000)]
    public void A_rate_of_0_or_from_a_hundredth_to_1000_is_allowed(double fps) => Assert.Equal(fps, ArgumentParsers.Fps(fps, "--fps"));

    [Theory]
    [InlineData(1e-300, "1E-300")]
    [InlineData(0.0000001, "1E-07")]
    [InlineData(0.009, "0.009")]
    [InlineData(1000.5, "1000.5")]
    [InlineData(-1, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Any_other_rate_is_refused_naming_it_and_the_range(double fps, string shown)
    {
        var ex = Assert.Throws<UsageException>(() => ArgumentParsers.Fps(fps, "--fps"));
        Assert.Equal($"--fps: {shown} is not allowed; give frames per second 0.01-1000, or 0 for as fast as possible.", ex.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 1.0 / 30)]
    [InlineData(0.01, 100)]
    [InlineData(1e-300, 100)] // a video file may claim any rate: the period stays one a timer can wait
    [InlineData(double.NaN, 0)]
    public void The_pump_waits_a_representable_period(double fps, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), NetGearSharp.Cli.Serving.FramePump.Period(fps));
}
