using System.Diagnostics;
using NetGearSharp.TestSupport;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>A Python process running a script from stdin, with captured output; dispose kills it if still running.</summary>
public sealed class PythonProcess : IDisposable
{
    private readonly CapturedProcess _process;

    private PythonProcess(string launcher, string script, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(launcher);
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add("-");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        _process = new CapturedProcess(info, $"The Python process ({launcher})", standardInput: script);
    }

    public static PythonProcess Start(string launcher, string script, IReadOnlyDictionary<string, string>? environment = null)
        => new(launcher, script, environment);

    public string StandardOutput => _process.StandardOutput;

    public string StandardError => _process.StandardError;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the exit (bounded): the exit code, or a <see cref="TimeoutException"/> with the output.</summary>
    public Task<int> WaitAsync(TimeSpan timeout) => _process.WaitAsync(timeout);

    /// <summary>Waits (bounded) until stdout contains <paramref name="text"/>; fails if the process exits first.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) => _process.WaitForOutputAsync(text, timeout, standardErrorToo: false);

    public void Dispose() => _process.Dispose();
}
