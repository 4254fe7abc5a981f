using System.Diagnostics;
using System.Text.Json;

namespace NetGearSharp.Cli.Tests.Bench;

/// <summary>
/// A C program of <c>bench/kernel-ceiling</c>, compiled once for a test class (as its fixture) with the system's C
/// compiler into a temporary folder deleted after the class's tests.
/// </summary>
public abstract class CompiledCProgram : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netgear-c-program-test-").FullName;

    /// <param name="name">The source's name without <c>.c</c>, and the program's.</param>
    /// <param name="libraries">Linker arguments after the source, e.g. <c>-lpthread</c>.</param>
    protected CompiledCProgram(string name, params string[] libraries) => ProgramAsync = CompileAsync(name, libraries);

    /// <summary>The compiled program's path; a failed compile fails each test that awaits it.</summary>
    public Task<string> ProgramAsync { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<string> CompileAsync(string name, string[] libraries)
    {
        var program = Path.Combine(_folder, name);
        var source = Path.Combine(RepoPaths.Root, "bench", "kernel-ceiling", name + ".c");
        using var cc = new CapturedProcess(new ProcessStartInfo("cc", ["-O2", "-Wall", "-Werror", "-o", program, source, .. libraries]), "cc");
        var code = await cc.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"cc exited with {code}: {cc.StandardError}");
        return program;
    }

    /// <summary>
    /// Runs the program with <paramref name="arguments"/>, checks that it exits with 0 within 30 s, and returns the one
    /// JSON result it printed.
    /// </summary>
    public async Task<JsonDocument> RunForResultAsync(params string[] arguments)
    {
        var (code, output, error) = await RunAsync(arguments);
        Assert.True(code == 0, $"exit {code}: {error}");
        return JsonDocument.Parse(output.Trim());
    }

    /// <summary>Runs the program with bad <paramref name="arguments"/>, checks that it exits with 2 within 30 s, and returns what it wrote to stderr.</summary>
    public async Task<string> RunRefusedAsync(params string[] arguments)
    {
        var (code, _, error) = await RunAsync(arguments);
        Assert.Equal(2, code);
        return error;
    }

    /// <summary>Runs the program once, waiting up to 30 s: its exit code, stdout and stderr.</summary>
    private async Task<(int Code, string Output, string Error)> RunAsync(string[] arguments)
    {
        var program = await ProgramAsync;
        using var run = new CapturedProcess(new ProcessStartInfo(program, arguments), Path.GetFileName(program));
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));
        return (code, run.StandardOutput, run.StandardError);
    }

    /// <summary>The processes still running <paramref name="program"/> (from /proc): children a program left behind.</summary>
    public static List<int> StillRunning(string program)
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
