using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// A second SIGINT right after the first (as <c>timeout -s INT</c> sends one to the process and one to its group) is
/// the same stop: serve and demo still say goodbye and print their summary. Before, it killed them (exit 130).
/// </summary>
public sealed class RepeatedSignalTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 90_000)]
    public async Task Serve_says_goodbye_after_two_quick_interrupts()
    {
        using var serve = CliProcess.Start("serve", "--port", TestPorts.One().ToString(), "--size", "64x48");
        await serve.WaitForOutputAsync("Ctrl+C stops", ProcessTimeout);
        serve.Signal("INT", times: 2);
        Assert.Equal(0, await serve.WaitAsync(ProcessTimeout));
        Assert.Contains("netgear serve: sent 0 frames (0 KB); goodbye", serve.StandardOutput);
    }

    [Fact(Timeout = 90_000)]
    public async Task Demo_prints_its_summary_after_two_quick_interrupts()
    {
        using var demo = CliProcess.Start("demo", "--no-window", "--seconds", "0", "--servers", "2", "--summary", "json");
        await demo.WaitForOutputAsync("-> streaming", ProcessTimeout);
        demo.Signal("INT", times: 2);
        Assert.Equal(0, await demo.WaitAsync(ProcessTimeout));
        using var summary = JsonDocument.Parse(demo.StandardOutput);
        Assert.All(summary.RootElement.GetProperty("servers").EnumerateArray(), s => Assert.Equal("terminated", s.GetProperty("state").GetString()));
    }
}
