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

    [Fact(Timeout = 60_000)]
    public async Task A_libzmq_that_cannot_be_loaded_is_named_with_the_reason_and_the_tools_own_way_out()
    {
        var noLibzmq = new Dictionary<string, string> { ["NETGEARSHARP_ZMQ_LIBRARY"] = "/nonexistent/libzmq.so.5" };
        using var native = CliProcess.StartWith(noLibzmq, "view", "--ports", TestPorts.One().ToString(), "--transport", "native");
        Assert.Equal(1, await native.WaitAsync(TimeSpan.FromSeconds(45)));
        Assert.Contains("'/nonexistent/libzmq.so.5'", native.StandardError);
        Assert.Contains("/nonexistent/libzmq.so.5: cannot open shared object file", native.StandardError);
        Assert.Contains("NETGEARSHARP_ZMQ_LIBRARY", native.StandardError);
        Assert.Contains("--transport netmq", native.StandardError);
        Assert.DoesNotContain("   at ", native.StandardError);

        // auto: NetMQ, with a warning of one short line (not .NET's list of every place it probed).
        using var auto = CliProcess.StartWith(noLibzmq, "view", "--ports", TestPorts.One().ToString(), "--transport", "auto");
        await auto.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(45));
        var warning = auto.StandardError.Split('\n').Single(line => line.Contains("Transport Auto: using netmq"));
        Assert.Contains("/nonexistent/libzmq.so.5: cannot open shared object file", warning);
        Assert.True(warning.Length < 400, $"a warning of {warning.Length} characters: {warning}");
        auto.Interrupt();
        Assert.Equal(0, await auto.WaitAsync(TimeSpan.FromSeconds(45)));
    }
}
