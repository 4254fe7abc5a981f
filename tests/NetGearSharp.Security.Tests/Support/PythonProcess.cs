using System.Diagnostics;
using System.Text;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>A Python process running a script from stdin, with captured output; dispose kills it if still running.</summary>
public sealed class PythonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _outDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PythonProcess(string launcher, string script, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(launcher)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add("-");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is null) _outDone.TrySetResult(); else lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is null) _errDone.TrySetResult(); else lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Write(script.Replace("\r\n", "\n", StringComparison.Ordinal));
        _process.StandardInput.Close();
    }

    public static PythonProcess Start(string launcher, string script, IReadOnlyDictionary<string, string>? environment = null)
        => new(launcher, script, environment);

    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the exit (bounded): the exit code, or a <see cref="TimeoutException"/> with the output.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The Python process did not exit within {timeout.TotalSeconds} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
        await Task.WhenAny(Task.WhenAll(_outDone.Task, _errDone.Task), Task.Delay(TimeSpan.FromSeconds(5)));
        return _process.ExitCode;
    }

    /// <summary>Waits (bounded) until stdout contains <paramref name="text"/>; fails if the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!StandardOutput.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The Python process exited before writing '{text}'.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No '{text}' within {timeout.TotalSeconds} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
