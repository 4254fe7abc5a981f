using NetGearSharp.Bench;

namespace NetGearSharp.Cli.Tests.Cli;

/// <summary>The benchmark's <c>--jpeg-subsampling</c>: parsed, checked, and handed on to the child server processes.</summary>
public sealed class BenchJpegSubsamplingTests
{
    [Fact]
    public void The_default_is_420_and_another_choice_reaches_the_servers_arguments()
    {
        Assert.Equal(JpegSubsampling.Chroma420, BenchArguments.Parse(["--jpeg"]).JpegSubsampling);
        var settings = BenchArguments.Parse(["--jpeg", "--jpeg-subsampling", "4:2:2"]);
        Assert.Equal(JpegSubsampling.Chroma422, settings.JpegSubsampling);

        var child = BenchServerArgs.From(settings, [5566, 5567], imagePath: null);
        var args = child.ToArguments();
        Assert.Equal("422", args[args.IndexOf("--jpeg-subsampling") + 1]);
        var parsedBack = BenchServerArgs.Parse(args);
        Assert.True(parsedBack.Jpeg);
        Assert.Equal(JpegSubsampling.Chroma422, parsedBack.JpegSubsampling);
    }

    [Fact]
    public void An_unknown_subsampling_is_refused_naming_the_allowed_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => BenchArguments.Parse(["--jpeg", "--jpeg-subsampling", "411"]));
        Assert.Contains("'411'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("420, 422 or 444", ex.Message, StringComparison.Ordinal);
    }
}
