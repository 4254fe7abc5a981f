using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// <c>netgear serve</c> outlives its viewer: a viewer stopped for longer than three request timeouts (the library's
/// default <c>MaxRetries</c> of 3 x 4 s, after which a server used to give up with exit code 1) and started again gets
/// the same server's frames; <c>--max-retries N</c> gives the old end back.
/// </summary>
public sealed class ViewerAwayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory(Timeout = 150_000)]
    [InlineData("reqrep")]
    [InlineData("pubsub")]
    public async Task A_serve_whose_viewer_is_away_for_13_s_goes_on_and_its_frames_reach_the_restarted_viewer(string pattern)
    {
        var port = TestPorts.One().ToString();
        using var first = CliProcess.Start("view", "--ports", port, "--address", "127.0.0.1", "--pattern", pattern);
        await first.WaitForOutputAsync("listening on", Wait);
        using var serve = CliProcess.Start("serve", "--port", port, "--pattern", pattern, "--fps", "10", "--size", "160x120");
        await first.WaitForOutputAsync("-> streaming", Wait);
        first.Interrupt(); // Ctrl+C: the view ends; the server is not told
        Assert.Equal(0, await first.WaitAsync(Wait));

        await Task.Delay(TimeSpan.FromSeconds(13)); // longer than 3 request timeouts of 4 s
        Assert.False(serve.HasExited, $"serve ended while its viewer was away:\n{serve.StandardError}");

        using var second = CliProcess.Start("view", "--ports", port, "--address", "127.0.0.1", "--pattern", pattern, "--summary", "json");
        await second.WaitForOutputAsync("-> streaming", Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));
        serve.Interrupt();
        Assert.True(0 == await serve.WaitAsync(Wait), $"serve exited non-zero:\n{serve.StandardError}");
        Assert.True(0 == await second.WaitAsync(Wait), $"view exited non-zero:\n{second.StandardError}");
        using var summary = JsonDocument.Parse(second.StandardOutput);
        var server = Assert.Single(summary.RootElement.GetProperty("servers").EnumerateArray());
        Assert.True(server.GetProperty("frames").GetInt64() >= 5, second.StandardOutput);
        Assert.Equal("terminated", server.GetProperty("state").GetString());
        Assert.DoesNotContain("Giving up", serve.StandardError);
        if (pattern == "reqrep")
        {
            // Said while it retries, spaced (attempts 1, 2 and 4 at 4, 8 and 16 s; not the 3rd), and when the viewer is back.
            Assert.Contains("reconnecting, attempt 1 (", serve.StandardError);
            Assert.Contains("retrying until it answers", serve.StandardError);
            Assert.DoesNotContain("attempt 3 (", serve.StandardError);
            Assert.Contains($"The client at tcp://127.0.0.1:{port} answers again", serve.StandardError);
            Assert.Contains("goodbye acknowledged", serve.StandardOutput);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task With_max_retries_2_and_a_1_s_request_timeout_serve_gives_up_2_s_after_its_viewer_went()
    {
        var port = TestPorts.One().ToString();
        using var view = CliProcess.Start("view", "--ports", port, "--address", "127.0.0.1");
        await view.WaitForOutputAsync("listening on", Wait);
        using var serve = CliProcess.Start("serve", "--port", port, "--fps", "10", "--size", "160x120", "--max-retries", "2", "--request-timeout", "1");
        await view.WaitForOutputAsync("-> streaming", Wait);
        view.Dispose(); // killed
        Assert.Equal(1, await serve.WaitAsync(Wait));
        Assert.Contains("reconnecting, attempt 1 of 2", serve.StandardError);
        Assert.Contains("did not reply 2 times in a row (request timeout 1 s, max retries 2)", serve.StandardError);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("--max-retries", "0", "reqrep", "'0' is not allowed")]
    [InlineData("--max-retries", "often", "reqrep", "'often' is not allowed")]
    [InlineData("--request-timeout", "0", "reqrep", "0 is not allowed")]
    [InlineData("--max-retries", "5", "pubsub", "is for --pattern reqrep")]
    [InlineData("--request-timeout", "2", "pubsub", "is for --pattern reqrep")]
    public async Task Bad_retry_options_are_refused_naming_the_option_and_the_value(string option, string value, string pattern, string expected)
    {
        var (code, _, stderr) = await CliProcess.RunAsync(Wait, "serve", "--port", TestPorts.One().ToString(), "--pattern", pattern, option, value);
        Assert.Equal(2, code);
        Assert.Contains($"netgear serve: {option}:", stderr);
        Assert.Contains(expected, stderr);
    }
}
