using System.Net.Sockets;
using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 11 item 1 with the real tool: a port scan (TCP connect + close on every listed port) before any server came
/// does not end <c>netgear view</c>; the servers started after it are received and the viewer then ends by itself.
/// </summary>
public sealed class PortScanViewTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    [Theory(Timeout = 120_000)]
    [InlineData("netmq", "reqrep")]
    [InlineData("native", "reqrep")]
    [InlineData("netmq", "pubsub")]
    public async Task A_port_scan_before_the_servers_does_not_end_the_viewer(string transport, string pattern)
    {
        var ports = TestPorts.Take(2);
        using var view = CliProcess.Start("view", "--ports", $"{ports[0]},{ports[1]}", "--address", "127.0.0.1", "--summary", "json",
            "--transport", transport, "--pattern", pattern);
        await view.WaitForOutputAsync("listening on", ProcessTimeout);
        for (var round = 0; round < 3; round++)
        {
            foreach (var port in ports)
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
            }
        }
        await Task.Delay(2000); // far past --lost-after (0.5 s)
        Assert.False(view.HasExited, $"the viewer ended after a port scan: {view.StandardError}");

        using var a = CliProcess.Start("serve", "--port", ports[0].ToString(), "--frames", "20", "--fps", "20", "--size", "160x120", "--pattern", pattern);
        using var b = CliProcess.Start("serve", "--port", ports[1].ToString(), "--frames", "20", "--fps", "20", "--size", "160x120", "--pattern", pattern);
        Assert.Equal(0, await a.WaitAsync(ProcessTimeout));
        Assert.Equal(0, await b.WaitAsync(ProcessTimeout));
        Assert.True(0 == await view.WaitAsync(ProcessTimeout), view.StandardError);
        using var summary = JsonDocument.Parse(view.StandardOutput);
        foreach (var server in summary.RootElement.GetProperty("servers").EnumerateArray())
        {
            Assert.Equal("terminated", server.GetProperty("state").GetString());
            Assert.True(server.GetProperty("frames").GetInt64() >= (pattern == "reqrep" ? 20 : 1), server.ToString());
        }
    }
}
