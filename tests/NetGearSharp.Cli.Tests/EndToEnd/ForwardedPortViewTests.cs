using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using NetGearSharp.TestSupport;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// <c>netgear view --forwarded-port NAMED=PORT</c>: a server behind a port forward (Docker's <c>-p</c>, <c>ssh -L</c>,
/// NAT; here a TCP relay on loopback) names in its headers the port it dials, not the viewer's. Mapped, its frames are the
/// viewer port's; unmapped, they are dropped and the warning says which option to give.
/// </summary>
public sealed class ForwardedPortViewTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_server_behind_a_forward_streams_to_the_viewer_port_it_is_mapped_to()
    {
        var port = TestPorts.One();
        await using var forward = new TcpForward(port);
        using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--summary", "json",
            "--forwarded-port", $"{forward.Port}={port}");
        await view.WaitForOutputAsync("listening on", Wait);
        using var serve = CliProcess.Start("serve", "--port", forward.Port.ToString(), "--frames", "10", "--fps", "20", "--size", "160x120");
        Assert.True(0 == await serve.WaitAsync(Wait), $"serve exited non-zero:\n{serve.StandardError}");
        Assert.Contains("goodbye acknowledged", serve.StandardOutput);

        Assert.True(0 == await view.WaitAsync(Wait), $"view exited non-zero:\n{view.StandardError}");
        using var summary = JsonDocument.Parse(view.StandardOutput);
        var server = Assert.Single(summary.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal(port, server.GetProperty("port").GetInt32());
        Assert.Equal(10, server.GetProperty("frames").GetInt64());
        Assert.Equal("terminated", server.GetProperty("state").GetString());
        Assert.Equal(0, server.GetProperty("malformed").GetInt64());
        Assert.DoesNotContain("UnknownPort", view.StandardError);
    }

    [Fact(Timeout = 120_000)]
    public async Task Unmapped_its_frames_are_dropped_and_the_warning_names_the_option_to_give()
    {
        var port = TestPorts.One();
        await using var forward = new TcpForward(port);
        using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--summary", "json");
        await view.WaitForOutputAsync("listening on", Wait);
        using var serve = CliProcess.Start("serve", "--port", forward.Port.ToString(), "--frames", "3", "--fps", "20", "--size", "160x120");
        await view.WaitForOutputAsync($"map it with --forwarded-port {forward.Port}={port}", Wait);
        Assert.DoesNotContain("ForwardedPorts", view.StandardError); // the library's option, which a tool user cannot give
        Assert.True(0 == await serve.WaitAsync(Wait), $"serve exited non-zero:\n{serve.StandardError}");
        view.Interrupt();
        await view.WaitAsync(Wait);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("5566", "'5566' is not a forward")]
    [InlineData("15566=x", "'15566=x' is not a forward")]
    [InlineData("70000=5566", "port 70000 is outside the allowed range")]
    [InlineData("15566=5599", "port 5599 is not in --ports 5566,5567")]
    [InlineData("5567=5566", "port 5567 is in --ports 5566,5567")]
    [InlineData("15566=5566,15567=5566", "port 5566 already has a forward")]
    public async Task A_bad_forward_is_refused_naming_the_option_and_the_value(string value, string expected)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(Wait, "view", "--ports", "5566,5567", "--forwarded-port", value);
        Assert.Equal(2, code);
        Assert.Contains("netgear view: --forwarded-port:", stderr);
        Assert.Contains(expected, stderr);
    }
}
