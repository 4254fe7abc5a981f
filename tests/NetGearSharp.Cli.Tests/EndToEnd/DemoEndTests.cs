using System.Diagnostics;
using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary><c>netgear demo</c> ends promptly however short its run, and at once on Ctrl+C.</summary>
public sealed class DemoEndTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Before: the servers started before the viewer bound, finished first, and the demo sat 15 s, then failed with
    /// 'netgear view: error: no server connected ... within --wait-first 15 s'.
    /// </summary>
    [Theory(Timeout = 90_000)]
    [InlineData("reqrep")]
    [InlineData("pubsub")]
    public async Task A_demo_shorter_than_its_start_up_ends_at_once_with_every_server_seen(string pattern)
    {
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "demo", "--no-window", "--seconds", "0.001", "--servers", "3",
            "--pattern", pattern, "--summary", "json");
        Assert.True(code == 0, $"demo exit {code}: {stderr}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"the demo took {clock.Elapsed.TotalSeconds:0.0} s: {stderr}");
        Assert.DoesNotContain("netgear view", stderr);
        Assert.DoesNotContain("error", stderr);
        using var summary = JsonDocument.Parse(stdout);
        Assert.Equal(3, summary.RootElement.GetProperty("servers").GetArrayLength());
    }

    [Fact(Timeout = 90_000)]
    public async Task Ctrl_C_ends_a_demo_within_a_second_or_two_with_its_summary()
    {
        using var demo = CliProcess.Start("demo", "--no-window", "--seconds", "0", "--servers", "2", "--summary", "json");
        await demo.WaitForOutputAsync("-> streaming", ProcessTimeout);
        var clock = Stopwatch.StartNew();
        demo.Interrupt();
        Assert.Equal(0, await demo.WaitAsync(ProcessTimeout));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"Ctrl+C took {clock.Elapsed.TotalSeconds:0.0} s to end the demo");
        using var summary = JsonDocument.Parse(demo.StandardOutput);
        Assert.All(summary.RootElement.GetProperty("servers").EnumerateArray(), s => Assert.Equal("terminated", s.GetProperty("state").GetString()));
    }
}
