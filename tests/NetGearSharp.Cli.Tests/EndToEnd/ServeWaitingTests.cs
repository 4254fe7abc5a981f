using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary><c>netgear serve</c> never waits silently for a client, and refuses a client address that does not resolve.</summary>
public sealed class ServeWaitingTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Before: the start line, then nothing for ever (the library says it waits at Debug level only).</summary>
    [Fact(Timeout = 120_000)]
    public async Task A_server_without_a_client_says_it_is_still_waiting_then_streams_once_one_comes()
    {
        var port = TestPorts.One();
        using var serve = CliProcess.Start("serve", "--port", port.ToString(), "--size", "64x48", "--frames", "10", "--fps", "0");
        await serve.WaitForOutputAsync(
            $"netgear serve: warning: still waiting for a client at tcp://127.0.0.1:{port} (5 s so far); is 'netgear view --ports {port}' running there, with the same --pattern?",
            ProcessTimeout);
        using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--summary", "json");
        Assert.True(0 == await serve.WaitAsync(ProcessTimeout), serve.StandardError);
        Assert.True(0 == await view.WaitAsync(ProcessTimeout), view.StandardError);
        Assert.Contains("sent 10 frames", serve.StandardOutput);
        Assert.Contains("goodbye acknowledged", serve.StandardOutput);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("no.such.host.invalid", "host 'no.such.host.invalid' does not resolve")]
    [InlineData("tcp://127.0.0.1", "'tcp://127.0.0.1' is not a host name or IP address")]
    public async Task A_client_address_that_does_not_resolve_is_refused_up_front(string address, string said)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "serve", "--port", "5566", "--address", address);
        Assert.Equal(2, code);
        Assert.Contains($"netgear serve: --address: {said}", stderr);
        Assert.Equal("", stdout); // refused before it starts
    }

    [Fact(Timeout = 90_000)]
    public async Task Localhost_still_works_as_the_client_address()
    {
        var port = TestPorts.One();
        using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--summary", "json");
        await view.WaitForOutputAsync("listening on", ProcessTimeout);
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "serve", "--port", port.ToString(), "--address", "localhost", "--size", "64x48", "--frames", "5", "--fps", "0");
        Assert.True(code == 0, stderr);
        Assert.Contains("sent 5 frames", stdout);
        Assert.True(0 == await view.WaitAsync(ProcessTimeout), view.StandardError);
    }

    /// <summary>Before: 'goodbye acknowledged' from a publisher nobody listened to.</summary>
    [Fact(Timeout = 60_000)]
    public async Task A_publisher_says_its_goodbye_was_sent_not_acknowledged()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "serve", "--port", TestPorts.One().ToString(), "--pattern", "pubsub",
            "-n", "3", "--size", "64x48");
        Assert.True(code == 0, stderr);
        Assert.EndsWith("; goodbye sent", stdout.TrimEnd());
        Assert.DoesNotContain("acknowledged", stdout);
        Assert.DoesNotContain("still waiting", stderr); // nothing answers a publisher: it cannot tell, so it does not say
    }
}
