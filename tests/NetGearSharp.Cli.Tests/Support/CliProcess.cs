using System.Diagnostics;

namespace NetGearSharp.Cli.Tests.Support;

/// <summary>
/// A real <c>netgear</c> process (<c>dotnet NetGearSharp.Cli.dll ...</c>) with captured output. Dispose kills the whole
/// process tree if it is still running.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly CapturedProcess _process;

    private CliProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        // stdin redirected and left open: the tool never sees an end of input.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, WorkingDirectory = RepoPaths.Root };
        info.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DISPLAY"] = "";        // headless, whatever machine runs the tests
        info.Environment["WAYLAND_DISPLAY"] = "";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        Arguments = string.Join(' ', info.ArgumentList.Skip(1));
        _process = new CapturedProcess(info, $"'netgear {Arguments}'");
    }

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Starts <c>netgear</c> with extra environment variables.</summary>
    public static CliProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] args) => new(args, environment);

    public string Arguments { get; }

    public int Id => _process.Id;

    public string StandardOutput => _process.StandardOutput;

    public string StandardError => _process.StandardError;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the exit (bounded); returns the exit code, failing with the output when it takes too long.</summary>
    public Task<int> WaitAsync(TimeSpan timeout) => _process.WaitAsync(timeout);

    /// <summary>Waits (bounded) until stderr or stdout contains <paramref name="text"/>; fails if the process exits first.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) => _process.WaitForOutputAsync(text, timeout, standardErrorToo: true);

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt() => Signal("INT");

    /// <summary>Sends a signal (<c>INT</c>, <c>TERM</c>, ...) <paramref name="times"/> times in a row, microseconds apart (one <c>kill</c>).</summary>
    public void Signal(string name, int times = 1)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false };
        info.ArgumentList.Add("-" + name);
        for (var i = 0; i < times; i++) info.ArgumentList.Add(_process.Id.ToString());
        using var kill = Process.Start(info)!;
        kill.WaitForExit(5000);
    }

    /// <summary>Runs to the end and returns exit code, stdout and stderr.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        var code = await process.WaitAsync(timeout);
        return (code, process.StandardOutput, process.StandardError);
    }

    public void Dispose() => _process.Dispose();
}
