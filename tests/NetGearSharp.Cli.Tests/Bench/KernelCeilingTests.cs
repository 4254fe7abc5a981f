using System.Diagnostics;
using System.Text.Json;

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
        var program = await compiled.ProgramAsync;
        using var run = new CapturedProcess(new ProcessStartInfo(program, ["3", "0.5", "2", "0.2"]), "rr_ceiling");
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"exit {code}: {run.StandardError}");
        using var result = JsonDocument.Parse(run.StandardOutput.Trim());
        var root = result.RootElement;
        Assert.Equal(3, root.GetProperty("servers").GetInt32());
        Assert.Equal(2, root.GetProperty("threads").GetInt32());
        Assert.True(root.GetProperty("frames").GetInt64() > 0, run.StandardOutput);
        Assert.True(root.GetProperty("fps").GetDouble() > 0, run.StandardOutput);
        Assert.Empty(StillRunning(program)); // the senders were stopped and reaped
    }

    [Theory(Timeout = 120_000)]
    [InlineData("0", "1")]
    [InlineData("2", "0")]
    [InlineData("2", "1", "3")]
    [InlineData("2", "1", "2", "-1")]
    public async Task Refuses_bad_arguments_saying_what_is_allowed(params string[] args)
    {
        var program = await compiled.ProgramAsync;
        using var run = new CapturedProcess(new ProcessStartInfo(program, args), "rr_ceiling");
        Assert.Equal(2, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"SERVERS {args[0]}, SECONDS {args[1]}, ", run.StandardError); // the values given
        Assert.Contains("SERVERS must be 1-1024, RECEIVE_THREADS 1-64 and at most SERVERS, SECONDS above 0, WARMUP_SECONDS 0 or more", run.StandardError);
    }

    /// <summary>The program, compiled once for the class's tests into a temporary folder deleted after them.</summary>
    public sealed class Compiled : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("netgear-ceiling-test-").FullName;

        public Compiled() => ProgramAsync = CompileAsync();

        /// <summary>The compiled program's path; a failed compile fails each test that awaits it.</summary>
        public Task<string> ProgramAsync { get; }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private async Task<string> CompileAsync()
        {
            var program = Path.Combine(_folder, "rr_ceiling");
            var source = Path.Combine(RepoPaths.Root, "bench", "kernel-ceiling", "rr_ceiling.c");
            using var cc = new CapturedProcess(new ProcessStartInfo("cc", ["-O2", "-Wall", "-Werror", "-o", program, source, "-lpthread"]), "cc");
            var code = await cc.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(code == 0, $"cc exited with {code}: {cc.StandardError}");
            return program;
        }
    }

    /// <summary>The processes still running <paramref name="program"/> (from /proc): the senders, had any been left behind.</summary>
    private static List<int> StillRunning(string program)
        => Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var p) ? p : 0)
            .Where(p => p > 0 && ExecutableOf(p) == program)
            .ToList();

    private static string? ExecutableOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
