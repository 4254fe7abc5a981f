namespace NetGearSharp.Cli.Tests.Bench;

/// <summary>
/// <c>bench/kernel-ceiling/idle_floor.c</c>, the floor for the paced rows' latency: it compiles with the system's C
/// compiler, carries paced frames from real sender processes over loopback TCP, prints one JSON result with ordered
/// percentiles, leaves no process behind, and refuses bad arguments with a message saying what is allowed.
/// </summary>
public sealed class IdleFloorTests(IdleFloorTests.Compiled compiled) : IClassFixture<IdleFloorTests.Compiled>
{
    [Fact(Timeout = 120_000)]
    public async Task Carries_paced_frames_from_every_sender_and_prints_one_result()
    {
        using var result = await compiled.RunForResultAsync("3", "1", "20", "0.2");
        var root = result.RootElement;
        Assert.Equal(3, root.GetProperty("servers").GetInt32());
        Assert.Equal(20, root.GetProperty("rate").GetDouble());
        // 3 senders at 20/s for 1 s: about 60 frames (a sender's first may fall before or after the window).
        Assert.InRange(root.GetProperty("frames").GetInt64(), 45, 66);
        var p50 = root.GetProperty("p50Ms").GetDouble();
        var p99 = root.GetProperty("p99Ms").GetDouble();
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= root.GetProperty("maxMs").GetDouble(), root.ToString());
        Assert.Empty(CompiledCProgram.StillRunning(await compiled.ProgramAsync)); // the senders ended and were reaped
    }

    [Theory(Timeout = 120_000)]
    [InlineData("0")]
    [InlineData("2", "0")]
    [InlineData("2", "1", "0")]
    [InlineData("2", "1", "1001")]
    [InlineData("2", "1", "30", "-1")]
    public async Task Refuses_bad_arguments_saying_what_is_allowed(params string[] args)
    {
        var error = await compiled.RunRefusedAsync(args);
        Assert.Contains($"SERVERS {args[0]}, ", error); // the values given
        Assert.Contains("SERVERS must be 1-256, SECONDS above 0, RATE above 0 and at most 1000, WARMUP_SECONDS 0 or more", error);
    }

    /// <summary><c>idle_floor.c</c>, compiled once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCProgram("idle_floor");
}
