using System.Net;
using System.Net.Sockets;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>What the tool says: errors found while running, the signal that stopped it, what it sends.</summary>
public sealed class PolishTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 60_000)]
    public async Task A_bad_argument_found_once_running_ends_like_a_parse_error_with_where_to_find_help()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var held = ((IPEndPoint)holder.LocalEndpoint).Port;
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--ports", TestPorts.One().ToString(), "--address", "127.0.0.1", "--web", $"127.0.0.1:{held}");
        Assert.Equal(2, code);
        Assert.Contains($"netgear view: --web: cannot listen on 127.0.0.1:{held}", stderr);
        Assert.Contains("Run 'netgear view --help' for the options and examples.", stderr); // before: missing
        Assert.Contains("is another program using that port?", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_web_address_that_is_not_this_machines_is_named_as_such_not_as_a_port_in_use()
    {
        // 192.0.2.1: a documentation address (RFC 5737), never one of this machine's; the bind fails, nothing is sent.
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--ports", TestPorts.One().ToString(), "--address", "127.0.0.1", "--web", "192.0.2.1:8080");
        Assert.Equal(2, code);
        Assert.Contains("192.0.2.1 is not an address of this machine", stderr);
        Assert.DoesNotContain("another program", stderr);
    }

    [Fact(Timeout = 90_000)]
    public async Task The_summary_names_the_servers_given_up_after_wait_first()
    {
        var ports = TestPorts.Take(2);
        // 8 s: time for the serve process to start and connect on a loaded machine (with 2 s it sometimes had not, and
        // both servers were given up).
        using var view = CliProcess.Start("view", "--ports", $"{ports[0]},{ports[1]}", "--address", "127.0.0.1", "--wait-first", "8");
        await view.WaitForOutputAsync("listening on", ProcessTimeout);
        using (var serve = CliProcess.Start("serve", "--port", ports[0].ToString(), "--frames", "30", "--fps", "10", "--size", "160x120"))
            Assert.Equal(0, await serve.WaitAsync(ProcessTimeout));
        Assert.Equal(0, await view.WaitAsync(ProcessTimeout));
        Assert.Contains($"every server is gone ({ports[1]} never connected: given up after --wait-first 8 s)", view.StandardOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_record_folder_that_cannot_be_written_is_refused_before_listening()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--ports", TestPorts.One().ToString(), "--record", "/proc/netgear-cannot-be-here");
        Assert.Equal(2, code);
        Assert.Contains("netgear view: --record: cannot write to '/proc/netgear-cannot-be-here'", stderr);
        Assert.DoesNotContain("listening", stdout + stderr);
    }

    [Fact(Timeout = 90_000)]
    public async Task SIGTERM_is_named_as_what_stopped_the_view()
    {
        using var view = CliProcess.Start("view", "--ports", TestPorts.One().ToString(), "--address", "127.0.0.1");
        await view.WaitForOutputAsync("listening on", ProcessTimeout);
        view.Signal("TERM");
        Assert.Equal(0, await view.WaitAsync(ProcessTimeout));
        Assert.Contains("; stopped by SIGTERM", view.StandardOutput); // before: 'stopped by Ctrl+C'
    }

    [Fact(Timeout = 90_000)]
    public async Task A_resized_video_file_is_announced_at_the_size_sent()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "serve", "--port", TestPorts.One().ToString(), "--source", RepoPaths.Media("vtest.avi"),
            "--size", "320x240", "--pattern", "pubsub", "-n", "1");
        Assert.True(code == 0, stderr);
        Assert.StartsWith("netgear serve: file vtest.avi 768x576, resized to 320x240, at ", stdout);
    }
}
