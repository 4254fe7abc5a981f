using System.Diagnostics;
using System.Text;

namespace NetGearSharp.Modes.Tests.Support;

/// <summary>The real <c>netgear</c> tool as a process, with its output collected and a hard timeout. Dispose kills it.</summary>
public sealed class CliRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    public CliRun(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_out) _out.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_err) _err.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output { get { lock (_out) return _out.ToString(); } }

    public string Error { get { lock (_err) return _err.ToString(); } }

    /// <summary>Waits until <paramref name="text"/> appears on stdout or stderr (bounded; fails early if the tool exits).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal) && !Error.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"netgear exited ({_process.ExitCode}) before saying \"{text}\".\nstdout:\n{Output}\nstderr:\n{Error}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"netgear did not say \"{text}\" within {timeout.TotalSeconds} s.\nstdout:\n{Output}\nstderr:\n{Error}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the exit (bounded); returns the exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"netgear did not exit within {timeout.TotalSeconds} s.\nstdout:\n{Output}\nstderr:\n{Error}"); }
        _process.WaitForExit(); // the output's last lines
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
