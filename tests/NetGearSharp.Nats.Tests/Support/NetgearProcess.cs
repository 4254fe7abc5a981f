using System.Diagnostics;
using System.Text;

namespace NetGearSharp.Nats.Tests.Support;

/// <summary>A real <c>netgear</c> process (<c>dotnet netgear.dll …</c>) with captured output; killed on dispose if still running.</summary>
public sealed class NetgearProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private NetgearProcess(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(CliDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DISPLAY"] = "";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        Arguments = string.Join(' ', args);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static NetgearProcess Start(params string[] args) => new(args);

    /// <summary>Starts the tool with extra environment variables (e.g. <c>NETGEAR_NATS_PASSWORD</c>).</summary>
    public static NetgearProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] args) => new(args, environment);

    public string Arguments { get; }

    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"'netgear {Arguments}' did not exit within {timeout}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
        }
        _process.WaitForExit(); // the output is read to its end
        return _process.ExitCode;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!(StandardError.Contains(text, StringComparison.Ordinal) || StandardOutput.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"'netgear {Arguments}' exited before writing '{text}'.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
            if (clock.Elapsed > timeout) throw new TimeoutException($"'netgear {Arguments}' did not write '{text}' within {timeout}.\nstderr:\n{StandardError}");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private static string CliDll { get; } = FindCli();

    private static string FindCli()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "NetGearSharp.Cli", "bin", configuration, tfm, "netgear.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"The built netgear.dll ({configuration}/{tfm}) was not found above {AppContext.BaseDirectory}.");
    }
}
