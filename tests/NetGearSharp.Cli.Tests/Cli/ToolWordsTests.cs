namespace NetGearSharp.Cli.Tests.Cli;

/// <summary>The library's advice to map a forwarded port is worded as the tool's option in the tool's warning lines.</summary>
public sealed class ToolWordsTests
{
    private const string Prefix = "Dropped a malformed message (UnknownPort) from an unknown sender: port 15566 is not in the client's list";

    [Fact]
    public void A_known_arrival_port_becomes_the_option_with_both_ports()
        => Assert.Equal($"{Prefix} (it arrived on port 5566); a server behind a port forward that changes its port? map it with --forwarded-port 15566=5566",
            ToolWords.For($"{Prefix} (it arrived on port 5566); a server behind a port forward that changes its port? map it with ForwardedPorts [15566] = 5566"));

    [Fact]
    public void An_unknown_arrival_port_becomes_the_option_with_a_placeholder_said_what_it_is()
        => Assert.Equal($"{Prefix}; a server behind a port forward that changes its port? map it with --forwarded-port 15566=PORT (PORT: the port of --ports its connections arrive on)",
            ToolWords.For($"{Prefix}; a server behind a port forward that changes its port? map it with ForwardedPorts [15566] = the client's port it arrives on"));

    [Fact]
    public void Other_lines_are_left_as_they_are()
        => Assert.Equal("No reply from the client", ToolWords.For("No reply from the client"));
}
