using NetGearSharp.Cli;

namespace NetGearSharp.Web.Tests.Cli;

/// <summary><c>--web [ADDR:]PORT</c>.</summary>
public sealed class WebEndpointTests
{
    [Theory]
    [InlineData("8080", "127.0.0.1", 8080)]
    [InlineData("0", "127.0.0.1", 0)]
    [InlineData("0.0.0.0:8080", "0.0.0.0", 8080)]
    [InlineData("*:9000", "*", 9000)]
    [InlineData("localhost:81", "localhost", 81)]
    [InlineData("[::1]:8080", "[::1]", 8080)]
    public void Parses_address_and_port(string text, string address, int port)
        => Assert.Equal(new WebEndpoint(address, port), WebEndpoint.Parse(text, "--web"));

    [Theory]
    [InlineData("", "no port given")]
    [InlineData("http", "'http' is not a port")]
    [InlineData("70000", "'70000' is not a port 0-65535")]
    [InlineData("camera.local:8080", "'camera.local' in 'camera.local:8080' is not an IP address")]
    public void Bad_values_name_the_option_and_what_is_allowed(string text, string expected)
    {
        var error = Assert.Throws<UsageException>(() => WebEndpoint.Parse(text, "--web"));
        Assert.Contains("--web", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains("[ADDR:]PORT", error.Message);
    }
}
