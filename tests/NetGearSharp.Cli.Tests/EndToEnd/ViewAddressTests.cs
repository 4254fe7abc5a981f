using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary><c>netgear view --address</c> takes a host name on both transports (bound as its IP address).</summary>
public sealed class ViewAddressTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Before, with libzmq: 'cannot bind tcp://localhost:5566: ... No such device' (libzmq binds IP addresses and interface names only).</summary>
    [Theory(Timeout = 90_000)]
    [InlineData("native")]
    [InlineData("netmq")]
    public async Task A_viewer_bound_to_localhost_receives(string transport)
    {
        var port = TestPorts.One();
        using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "localhost", "--transport", transport, "--summary", "json");
        await view.WaitForOutputAsync($"listening on tcp://127.0.0.1:{port}", ProcessTimeout);
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "serve", "--port", port.ToString(), "--size", "64x48", "--frames", "5", "--fps", "0");
        Assert.True(code == 0, stderr);
        Assert.True(0 == await view.WaitAsync(ProcessTimeout), view.StandardError);
        using var summary = JsonDocument.Parse(view.StandardOutput);
        Assert.Equal(5, summary.RootElement.GetProperty("totalFrames").GetInt64());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_host_name_that_does_not_resolve_is_refused_up_front()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--ports", "5566", "--address", "no.such.host.invalid");
        Assert.Equal(2, code);
        Assert.Contains("netgear view: --address: host 'no.such.host.invalid' does not resolve", stderr);
    }
}
