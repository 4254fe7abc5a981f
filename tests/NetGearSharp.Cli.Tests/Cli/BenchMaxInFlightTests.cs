using NetGearSharp.Cli.Commands;

namespace NetGearSharp.Cli.Tests.Cli;

/// <summary><c>netgear bench --max-in-flight-mb</c>: the client's Request/Reply flow control budget, as the load bench takes it.</summary>
public sealed class BenchMaxInFlightTests
{
    [Theory]
    [InlineData("8", 8.0)]
    [InlineData("0", 0.0)]
    [InlineData("0.5", 0.5)]
    public void TheBudgetReachesTheBenchSettings(string value, double expected)
    {
        var bench = new BenchCommand();
        var (settings, _) = bench.Parse(bench.Build().Parse(["--max-in-flight-mb", value]));
        Assert.Equal(expected, settings.MaxInFlightMB);
    }

    [Fact]
    public void WithoutItTheClientsDefaultStays()
    {
        var bench = new BenchCommand();
        var (settings, _) = bench.Parse(bench.Build().Parse([]));
        Assert.Null(settings.MaxInFlightMB);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1000001")]
    public void ABudgetOutsideTheRangeIsRefusedNamingTheRange(string value)
    {
        var bench = new BenchCommand();
        var ex = Assert.Throws<UsageException>(() => bench.Parse(bench.Build().Parse(["--max-in-flight-mb", value])));
        Assert.Contains("--max-in-flight-mb", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0-1000000", ex.Message, StringComparison.Ordinal);
    }
}
