using NetGearSharp.Bench;
using NetGearSharp.Security.Tests.Support;

namespace NetGearSharp.Security.Tests;

/// <summary>The benchmark's <c>--secure</c> hook (a smoke run: the numbers are measured on a quiet machine, not here).</summary>
public sealed class BenchSecureTests
{
    [Fact]
    public void The_arguments_take_a_secure_mode_and_ironhouse_needs_the_native_transport()
    {
        Assert.Equal(SecureMode.StoneHouse, BenchArguments.Parse(["--secure", "stonehouse"]).SecureMode);
        Assert.Equal(SecureMode.Grasslands, BenchArguments.Parse([]).SecureMode);
        Assert.Equal(SecureMode.IronHouse, BenchArguments.Parse(["--secure", "ironhouse", "--transport", "native"]).SecureMode);
        Assert.Equal(SecureMode.IronHouse, BenchArguments.Parse(["--secure", "ironhouse"]).SecureMode); // auto: libzmq where it loads
        Assert.Contains("native", Assert.Throws<ArgumentException>(() => BenchArguments.Parse(["--secure", "ironhouse", "--transport", "netmq"])).Message);
        Assert.Contains("stonehouse", Assert.Throws<ArgumentException>(() => BenchArguments.Parse(["--secure", "tinhouse"])).Message);
    }

    [Fact]
    public async Task A_short_StoneHouse_bench_run_delivers_and_says_it_was_secure()
    {
        var run = await Netgear.RunAsync(TimeSpan.FromSeconds(120), "bench", "--servers", "2", "--seconds", "1", "--warmup", "0.2",
            "--size", "160x120", "--transport", "native", "--secure", "stonehouse", "--json");
        Assert.True(run.Code == 0, run.Output + run.Error);
        var line = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(l => l.TrimStart().StartsWith('{'));
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("stonehouse", json.RootElement.GetProperty("secure").GetString());
        Assert.True(json.RootElement.GetProperty("perServerMin").GetInt64() > 0, line);
    }
}
