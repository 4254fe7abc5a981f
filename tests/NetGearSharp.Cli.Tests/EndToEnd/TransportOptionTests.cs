using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary><c>--transport native</c> runs serve and view on the system's libzmq; both transports interoperate.</summary>
public sealed class TransportOptionTests
{
    [Theory(Timeout = 90_000)]
    [InlineData("native", "native")]
    [InlineData("native", "netmq")]
    [InlineData("netmq", "native")]
    public async Task ServeAndViewOnEitherTransport(string serverTransport, string viewTransport)
    {
        var port = TestPorts.One();
        using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--transport", viewTransport, "--summary", "json");
        await view.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(45));
        using var serve = CliProcess.Start("serve", "--port", port.ToString(), "--transport", serverTransport, "--frames", "12", "--fps", "60", "--size", "160x120");
        Assert.True(0 == await serve.WaitAsync(TimeSpan.FromSeconds(45)), serve.StandardError);
        Assert.True(0 == await view.WaitAsync(TimeSpan.FromSeconds(45)), view.StandardError);
        using var summary = JsonDocument.Parse(view.StandardOutput);
        var server = summary.RootElement.GetProperty("servers")[0];
        Assert.Equal("terminated", server.GetProperty("state").GetString());
        Assert.Equal(12, server.GetProperty("frames").GetInt64());
    }
}
