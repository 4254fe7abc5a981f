using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>
/// A test peer process (<c>dotnet NetGearSharp.TestPeer.dll ...</c>, optionally inside a network namespace) whose
/// stdout lines are collected. Dispose kills it (and its children) if it is still running.
/// </summary>
public sealed class Peer : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly string _name;

    private Peer(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>
    /// Starts the peer with the given arguments; inside <paramref name="netns"/> when given; with at most
    /// <paramref name="fileLimit"/> open descriptors (soft and hard, through util-linux's prlimit) when given; with
    /// <paramref name="environment"/> added to its environment when given.
    /// </summary>
    public static Peer Start(string arguments, string? netns = null, int? fileLimit = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = RepoPaths.TestPeerDll;
        var info = netns is null
            ? new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
            : new ProcessStartInfo("ip", $"netns exec {netns} dotnet \"{dll}\" {arguments}");
        if (fileLimit is { } limit)
        {
            info.Arguments = $"--nofile={limit}:{limit} -- {info.FileName} {info.Arguments}";
            info.FileName = "prlimit";
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = new Process { StartInfo = info };
        var peer = new Peer(process, $"peer[{arguments}]");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (peer._lines) peer._lines.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (peer._lines) peer._lines.Add("STDERR " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }

    /// <summary>Waits for an output line matching <paramref name="match"/>, failing with the output so far on timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, int skip = 0)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            var found = Lines.Skip(skip).FirstOrDefault(match);
            if (found is not null) return found;
            if (_process.HasExited)
            {
                // Output may still be draining.
                await Task.Delay(200);
                found = Lines.Skip(skip).FirstOrDefault(match);
                if (found is not null) return found;
                break;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"{_name} printed no matching line within {timeout} (exited: {_process.HasExited}). Output:\n{Tail()}");
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int count = 30) => string.Join('\n', Lines.TakeLast(count));

    /// <summary>SIGKILL to the process tree: no goodbye, like a crash.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the process to exit by itself. False when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM (the peer says goodbye and exits); kills it if it has not exited in time. True when it exited by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        _ = kill(_process.Id, 15);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException) { /* never started or already gone */ }
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
