using System.Diagnostics;
using System.Text;

namespace NetGearSharp.Docs.Tests.Support;

/// <summary>Runs a program to its end, bounded in time (killed, with its children, on timeout), and collects its output.</summary>
public static class ProcessRun
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // No MSBuild nodes or compiler server outliving the run (a dotnet build or pack would leave them behind).
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";
        info.Environment.Remove("DISPLAY");          // headless: no window
        info.Environment.Remove("WAYLAND_DISPLAY");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) info.Environment.Remove(key);
                else info.Environment[key] = value;
            }
        }
        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (stdout) lock (stderr)
                throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not end within {timeout}.\n{new Result(-1, stdout.ToString(), stderr.ToString())}");
        }
        process.WaitForExit(); // flushes the output events
        lock (stdout) lock (stderr) return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
