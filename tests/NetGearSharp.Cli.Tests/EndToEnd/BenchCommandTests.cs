using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary><c>netgear bench</c> starts child server processes and prints exactly the documented keys.</summary>
public sealed class BenchCommandTests
{
    private static readonly string[] Keys =
    [
        "servers", "pattern", "jpeg", "transport", "frames", "fps", "mbPerSec", "latencyP50Ms", "latencyP99Ms",
        "dropped", "perServerMin", "perServerMax", "clientCpuSeconds", "gen2Collections", "peakWorkingSetMB",
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

    /// <summary>Before: a picture that does not decode silently became the generated pattern.</summary>
    [Theory(Timeout = 60_000)]
    [InlineData("", "the file is empty")]
    [InlineData("\u0089PNG not really", "it does not decode as a JPEG")]
    public async Task An_image_that_does_not_decode_is_a_bad_argument(string content, string said)
    {
        var file = Path.Combine(Path.GetTempPath(), $"netgear-bench-image-{Guid.NewGuid():N}.png");
        File.WriteAllText(file, content);
        try
        {
            var (code, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromSeconds(45), "bench", "--image", file);
            Assert.Equal(2, code);
            Assert.Contains($"netgear bench: --image: '{file}' cannot be the picture: {said}", stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Before: nothing on stderr for the whole run, and Ctrl+C ended it with exit code 0 and no word.</summary>
    [Fact(Timeout = 120_000)]
    public async Task The_phases_are_said_and_an_interrupted_run_says_it_has_no_result()
    {
        using var bench = CliProcess.Start("bench", "--servers", "1", "--seconds", "60", "--warmup", "0", "--size", "160x120", "--json");
        await bench.WaitForOutputAsync("netgear bench: measuring for 60 s", TimeSpan.FromSeconds(90));
        Assert.Contains("netgear bench: starting 1 server(s) in 1 child process(es)", bench.StandardError);
        Assert.Contains("netgear bench: waiting for every server's first frame", bench.StandardError);
        bench.Interrupt();
        Assert.Equal(130, await bench.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("netgear bench: interrupted, no result (stopped by Ctrl+C (SIGINT))", bench.StandardError);
        Assert.Equal("", bench.StandardOutput.Trim()); // no JSON: there is no result
    }
}
