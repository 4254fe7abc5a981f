using NetGearSharp.Bench;

namespace NetGearSharp.Cli.Tests.Cli;

/// <summary>One table of words for netgear's options, its bench and the bench's child servers.</summary>
public sealed class OptionWordsTests
{
    [Theory]
    [InlineData(NetGearPattern.ReqRep)]
    [InlineData(NetGearPattern.PubSub)]
    public void A_patterns_word_reads_back_as_that_pattern_in_the_tool_and_the_bench(NetGearPattern pattern)
    {
        var word = OptionWords.NameOf(pattern);
        Assert.Equal(pattern, OptionWords.Pattern(word));
        Assert.Equal(pattern, ArgumentParsers.Pattern(word, "--pattern"));
        Assert.Equal(pattern, BenchArguments.ParsePattern(word));
    }

    [Theory]
    [InlineData(JpegSubsampling.Chroma420)]
    [InlineData(JpegSubsampling.Chroma422)]
    [InlineData(JpegSubsampling.Chroma444)]
    public void A_subsamplings_word_reads_back_as_that_subsampling_in_the_tool_and_the_bench(JpegSubsampling subsampling)
    {
        var word = OptionWords.NameOf(subsampling);
        Assert.Equal(subsampling, ArgumentParsers.Subsampling(word, "--jpeg-subsampling"));
        Assert.Equal(subsampling, BenchArguments.ParseSubsampling(word));
    }

    [Theory]
    [InlineData(TransportKind.Auto)]
    [InlineData(TransportKind.NetMq)]
    [InlineData(TransportKind.Native)]
    public void A_transports_word_reads_back_as_that_transport_in_the_tool_and_the_bench(TransportKind transport)
    {
        var word = OptionWords.NameOf(transport);
        Assert.Equal(transport, ArgumentParsers.Transport(word, "--transport"));
        Assert.Equal(transport, BenchArguments.ParseTransport(word));
    }

    [Theory]
    [InlineData("none", SecureMode.Grasslands)]
    [InlineData(" StoneHouse ", SecureMode.StoneHouse)]
    [InlineData("2", SecureMode.IronHouse)]
    public void Secure_modes_read_the_same_everywhere(string word, SecureMode mode)
    {
        Assert.Equal(mode, OptionWords.Secure(word));
        Assert.Equal(mode, BenchArguments.ParseSecure(word));
    }

    [Fact]
    public void Unknown_words_read_as_nothing_and_each_caller_refuses_them_naming_the_allowed_words()
    {
        Assert.Null(OptionWords.Pattern("pair"));
        Assert.Null(OptionWords.Transport("zeromq"));
        Assert.Null(OptionWords.Subsampling("411"));
        Assert.Null(OptionWords.Secure("woodhouse"));
        var usage = Assert.Throws<UsageException>(() => ArgumentParsers.Transport("zeromq", "--transport"));
        Assert.Contains("auto, netmq or native", usage.Message, StringComparison.Ordinal);
        var bench = Assert.Throws<ArgumentException>(() => BenchArguments.ParseTransport("zeromq"));
        Assert.Contains("'zeromq'", bench.Message, StringComparison.Ordinal);
    }
}
