using System.Diagnostics;
using System.Text;

namespace NetGearSharp.TestSupport;

/// <summary>
/// A child process with its stdout and stderr captured line by line, optionally fed a text on stdin. Waits are
/// bounded and fail with the output; Dispose kills the whole process tree if it is still running.
/// </summary>
public sealed class CapturedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _outDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Starts <paramref name="info"/> (its output redirected here); <paramref name="name"/> names it in failures;
    /// <paramref name="standardInput"/>, when given, is written to its stdin, which is then closed.
    /// </summary>
    public CapturedProcess(ProcessStartInfo info, string name, string? standardInput = null)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        if (standardInput is not null) info.RedirectStandardInput = true;
        Name = name;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is null) _outDone.TrySetResult(); else lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is null) _errDone.TrySetResult(); else lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            _process.StandardInput.Write(standardInput.Replace("\r\n", "\n", StringComparison.Ordinal));
            _process.StandardInput.Close();
        }
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the exit (bounded) and for the last output lines; returns the exit code, failing with the output when it takes too long.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
        await Task.WhenAny(Task.WhenAll(_outDone.Task, _errDone.Task), Task.Delay(TimeSpan.FromSeconds(5)));
        return _process.ExitCode;
    }

    /// <summary>
    /// Waits (bounded) until stdout (and stderr, with <paramref name="standardErrorToo"/>) contains
    /// <paramref name="text"/>; fails if the process exits first.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, bool standardErrorToo)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!(StandardOutput.Contains(text, StringComparison.Ordinal) || (standardErrorToo && StandardError.Contains(text, StringComparison.Ordinal))))
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited before writing '{text}'.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
            try { await Task.Delay(50, cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"{Name} did not write '{text}' within {timeout.TotalSeconds} s.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}"); }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        _process.Dispose();
    }
}
