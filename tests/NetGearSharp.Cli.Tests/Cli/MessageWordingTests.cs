namespace NetGearSharp.Cli.Tests.Cli;

/// <summary>How the tool words its messages: one sentence after the prefix, names kept as they are written.</summary>
public sealed class MessageWordingTests
{
    [Theory]
    [InlineData("Option '--ports' is required.", "option --ports is required.")]
    [InlineData("Could not open the file.", "could not open the file.")]
    [InlineData("OpenCV cannot open the camera.", "OpenCV cannot open the camera.")] // before: 'openCV cannot ...'
    [InlineData("TimeSpan overflowed because the duration is too long.", "TimeSpan overflowed because the duration is too long.")]
    [InlineData("CURVE keys are missing.", "CURVE keys are missing.")]
    [InlineData("--port: fine as it is.", "--port: fine as it is.")]
    public void A_sentence_starts_lower_case_unless_its_first_word_is_a_name(string message, string expected)
        => Assert.Equal(expected, ParseErrors.Sentence(message));

    [Fact]
    public void A_library_option_error_reads_as_a_parse_error_naming_the_tools_option()
    {
        var ex = UsageException.FromCore(new ArgumentException("Address 'tcp://127.0.0.1' is not valid: give a bare host name or IP address.", "Address"));
        Assert.Equal("--address", ex.Option);
        Assert.Equal("--address: 'tcp://127.0.0.1' is not valid: give a bare host name or IP address.", ex.Message);
    }

    [Fact]
    public void A_time_too_long_says_the_longest_allowed()
    {
        var ex = Assert.Throws<UsageException>(() => ArgumentParsers.Seconds(1e20, "--wait-first"));
        Assert.Equal("--wait-first: 1E+20 is not allowed; give a number of seconds greater than 0 up to 31536000 (365 days).", ex.Message);
    }
}
