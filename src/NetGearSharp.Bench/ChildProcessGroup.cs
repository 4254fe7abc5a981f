using System.Diagnostics;

namespace NetGearSharp.Bench;

/// <summary>The benchmark's child processes: started together, stopped by closing their input, killed if they linger.</summary>
internal sealed class ChildProcessGroup : IAsyncDisposable
{
    private readonly List<(Process Process, Queue<string> Errors)> _children = [];

    public int Count => _children.Count;

    public void Start(ChildCommand command, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Load generators must run at full speed from their first frame: with tiered compilation, dozens of
        // processes sharing two cores spend the first seconds in tier-0 code and re-JIT (measured: 291 vs
        // 1,528 frames/s for 32 server processes after a 1 s warm-up).
        info.Environment["DOTNET_TieredCompilation"] = "0";
        foreach (var a in command.ArgumentPrefix) info.ArgumentList.Add(a);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command.FileName}.");
        var errors = new Queue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors)
            {
                errors.Enqueue(e.Data);
                while (errors.Count > 20) errors.Dequeue();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _children.Add((process, errors));
    }

    /// <summary>Throws when a child has exited, with what it wrote to its error output.</summary>
    public void ThrowIfAnyExited()
    {
        foreach (var (process, errors) in _children)
        {
            if (!process.HasExited) continue;
            string text;
            lock (errors) text = string.Join(Environment.NewLine, errors);
            throw new InvalidOperationException($"A benchmark server process exited early (code {process.ExitCode}). {text}");
        }
    }

    /// <summary>Closes every child's input (the servers say goodbye and exit), waits up to <paramref name="grace"/>, then kills the rest.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        foreach (var (process, _) in _children)
        {
            try { process.StandardInput.Close(); } catch (Exception ex) when (ex is IOException or InvalidOperationException) { }
        }
        using var cts = new CancellationTokenSource(grace);
        foreach (var (process, _) in _children)
        {
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { break; }
        }
        foreach (var (process, _) in _children)
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2));
        foreach (var (process, _) in _children) process.Dispose();
        _children.Clear();
    }
}
