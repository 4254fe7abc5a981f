using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace NetGearSharp.TestSupport;

/// <summary>
/// A test's Python script run by the real VidGear's launcher (<c>../shared/peers/vidgear/python</c>) with libjpeg-turbo's
/// TurboJPEG as its simplejpeg (<see cref="SimpleJpegRunner"/>), under
/// <c>timeout -s KILL</c> (so it cannot outlive its budget even if the test host dies); every stdout line is a JSON
/// object (<c>{"event": ...}</c>). Dispose kills it.
/// </summary>
public sealed class PythonPeer : IDisposable
{
    private readonly Process _process;
    private readonly List<JsonObject> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _outDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PythonPeer(string script, TimeSpan budget, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var a in new[] { "-s", "KILL", ((int)Math.Ceiling(budget.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture), Launcher, SimpleJpegRunner, script })
            info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        Name = $"{Path.GetFileName(script)} {string.Join(' ', args)}";
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { _outDone.TrySetResult(); return; }
            JsonObject? line;
            try { line = JsonNode.Parse(e.Data) as JsonObject; }
            catch (System.Text.Json.JsonException) { line = new JsonObject { ["event"] = "unparsed", ["text"] = e.Data }; }
            if (line is not null) lock (_lines) _lines.Add(line);
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The launcher that runs Debian's Python 3 with VidGear 0.3.5 on its path; a clear error when it is missing.</summary>
    public static string Launcher
    {
        get
        {
            var path = RepoPaths.Shared(Path.Combine("peers", "vidgear", "python"));
            if (!File.Exists(path))
                throw new FileNotFoundException($"VidGear's launcher '{path}' is missing: these tests need ../shared/peers/vidgear (run its setup; scripts/test does).", path);
            return path;
        }
    }

    /// <summary>
    /// <c>bench/vidgear-simplejpeg/run.py</c>: runs a script with that folder's simplejpeg, libjpeg-turbo's TurboJPEG
    /// called as the real simplejpeg calls it (VidGear's 4:2:2, its decode flags), instead of the peer's stand-in, which
    /// runs OpenCV's encoder (4:2:0 whatever is asked) and would encode arrays the real one refuses.
    /// </summary>
    public static string SimpleJpegRunner
    {
        get
        {
            var path = Path.Combine(RepoPaths.Root, "bench", "vidgear-simplejpeg", "run.py");
            if (!File.Exists(path)) throw new FileNotFoundException($"The TurboJPEG simplejpeg runner '{path}' is missing.", path);
            return path;
        }
    }

    /// <summary>A script of the test project's <c>Python/</c> folder (copied next to the test assembly).</summary>
    public static string Script(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Python", name);
        if (!File.Exists(path)) throw new FileNotFoundException($"Test script '{path}' is missing (Python/{name} is copied to the output).", path);
        return path;
    }

    /// <summary>Starts the test project's <c>Python/<paramref name="script"/></c>; it is killed after <paramref name="budget"/> at the latest.</summary>
    public static PythonPeer Start(string script, TimeSpan budget, params string[] args) => new(Script(script), budget, args);

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>The JSON lines printed so far.</summary>
    public IReadOnlyList<JsonObject> Lines { get { lock (_lines) return _lines.ToList(); } }

    /// <summary>The lines of one event kind.</summary>
    public IReadOnlyList<JsonObject> Events(string kind) => Lines.Where(l => (string?)l["event"] == kind).ToList();

    /// <summary>Waits (bounded) until <paramref name="done"/> holds over the lines; fails with the output otherwise.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<JsonObject>, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done(Lines))
        {
            if (_process.HasExited)
            {
                await Task.WhenAny(_outDone.Task, Task.Delay(2000));
                if (done(Lines)) return;
                throw new InvalidOperationException($"'{Name}' exited ({_process.ExitCode}) before {what}.\n{Describe()}");
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"'{Name}': no {what} within {timeout.TotalSeconds} s.\n{Describe()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for a line with this event.</summary>
    public Task WaitForEventAsync(string kind, TimeSpan timeout)
        => WaitUntilAsync(lines => lines.Any(l => (string?)l["event"] == kind), timeout, $"'{kind}' line");

    /// <summary>Waits for the exit (bounded) and for the last output line to be read.</summary>
    public async Task<int> WaitExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"'{Name}' did not exit within {timeout.TotalSeconds} s.\n{Describe()}"); }
        await Task.WhenAny(_outDone.Task, Task.Delay(5000));
        return _process.ExitCode;
    }

    /// <summary>The output so far, for failure messages.</summary>
    public string Describe()
    {
        var lines = Lines;
        var perPort = string.Join(", ", lines.Where(l => (string?)l["event"] == "frame").GroupBy(l => l["port"]?.ToJsonString() ?? "?")
            .Select(g => $"{g.Key}: {g.Count()} frames, {g.Count(l => l["exact"]?.GetValue<bool>() == true)} exact"));
        var tail = lines.Skip(Math.Max(0, lines.Count - 15)).Select(l => l.ToJsonString());
        var err = StandardError;
        return $"frames per port: {perPort}\nstdout ({lines.Count} lines, last ones):\n{string.Join('\n', tail)}\nstderr (end):\n{(err.Length > 3000 ? err[^3000..] : err)}";
    }

    /// <summary>kill -9 (the whole tree).</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Kill();
        try { _process.WaitForExit(5000); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
