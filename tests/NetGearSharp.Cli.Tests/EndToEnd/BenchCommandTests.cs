using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary><c>netgear bench</c> starts child server processes and prints exactly the documented keys.</summary>
public sealed class BenchCommandTests
{
    private static readonly string[] Keys =
    [
        "servers", "pattern", "jpeg", "transport", "frames", "fps", "mbPerSec", "latencyP50Ms", "latencyP99Ms",
        "perServerMin", "perServerMax", "clientCpuSeconds", "gen2Collections", "peakWorkingSetMB",
    ];

    [Theory(Timeout = 120_000)]
    [InlineData("reqrep", "netmq")]
    [InlineData("pubsub", "native")]
    public async Task BenchPrintsOneJsonObjectWithTheDocumentedKeys(string pattern, string transport)
    {
        using var bench = CliProcess.Start("bench", "--servers", "3", "--servers-per-process", "2", "--pattern", pattern,
            "--transport", transport, "--seconds", "2", "--warmup", "0.5", "--size", "160x120", "--json");
        var code = await bench.WaitAsync(TimeSpan.FromSeconds(100));
        Assert.True(code == 0, $"exit {code}: {bench.StandardError}");
        var line = bench.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.TrimStart().StartsWith('{'));
        using var result = JsonDocument.Parse(line);
        var root = result.RootElement;
        Assert.Equal(Keys, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, root.GetProperty("servers").GetInt32());
        Assert.Equal(pattern, root.GetProperty("pattern").GetString());
        Assert.Equal(transport, root.GetProperty("transport").GetString());
        Assert.True(root.GetProperty("frames").GetInt64() > 0);
        Assert.True(root.GetProperty("perServerMin").GetInt64() > 0, "every server delivered frames");
        Assert.True(root.GetProperty("latencyP99Ms").GetDouble() >= root.GetProperty("latencyP50Ms").GetDouble());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("--servers", "0")]
    [InlineData("--transport", "zmq")]
    [InlineData("--pattern", "pair")]
    [InlineData("--size", "640by480")]
    [InlineData("--max-in-flight-mb", "-1")]
    public async Task BadBenchArgumentsExitWithTwoNamingTheArgument(string option, string value)
    {
        using var bench = CliProcess.Start("bench", option, value);
        Assert.Equal(2, await bench.WaitAsync(TimeSpan.FromSeconds(45)));
        Assert.Contains(option, bench.StandardError);
    }
}
