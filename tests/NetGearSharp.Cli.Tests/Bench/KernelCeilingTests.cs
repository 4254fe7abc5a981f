namespace NetGearSharp.Cli.Tests.Bench;

/// <summary>
/// <c>bench/kernel-ceiling/rr_ceiling.c</c>, the load suite's kernel ceiling: it compiles with the system's C compiler,
/// moves frames from real sender processes over loopback TCP, prints one JSON result, leaves no process behind, and
/// refuses bad arguments with a message saying what is allowed.
/// </summary>
public sealed class KernelCeilingTests(KernelCeilingTests.Compiled compiled) : IClassFixture<KernelCeilingTests.Compiled>
{

    [Fact(Timeout = 120_000)]
    public async Task Moves_frames_from_every_sender_and_prints_one_result()
    {
        using var result = await compiled.RunForResultAsync("3", "0.5", "2", "0.2");
        var root = result.RootElement;
        Assert.Equal(3, root.GetProperty("servers").GetInt32());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        Assert.True(root.GetProperty("frames").GetInt64() > 0, root.ToString());
        Assert.True(root.GetProperty("fps").GetDouble() > 0, root.ToString());
        Assert.Empty(CompiledCProgram.StillRunning(await compiled.ProgramAsync)); // the senders were stopped and reaped
    }

    [Theory(Timeout = 120_000)]
    [InlineData("0", "1")]
    [InlineData("2", "0")]
    [InlineData("2", "1", "3")]
    [InlineData("2", "1", "2", "-1")]
    public async Task Refuses_bad_arguments_saying_what_is_allowed(params string[] args)
    {
        var error = await compiled.RunRefusedAsync(args);
        Assert.Contains($"SERVERS {args[0]}, SECONDS {args[1]}, ", error); // the values given
        Assert.Contains("SERVERS must be 1-1024, RECEIVE_THREADS 1-64 and at most SERVERS, SECONDS above 0, WARMUP_SECONDS 0 or more", error);
    }

    /// <summary><c>rr_ceiling.c</c>, compiled once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCProgram("rr_ceiling", "-lpthread");
}
