using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace NetGearSharp.Modes.Tests.Support;

/// <summary>
/// One of this project's Python scripts run by the real VidGear's launcher (<c>../shared/peers/vidgear/python</c>),
/// under <c>timeout -s KILL</c> so it cannot outlive its budget; every stdout line is a JSON object. Dispose kills it.
/// </summary>
public sealed class PythonPeer : IDisposable
{
    private readonly Process _process;
    private readonly List<JsonObject> _lines = [];
    private readonly StringBuilder _stderr = new();

    private PythonPeer(string script, TimeSpan budget, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add("-s");
        info.ArgumentList.Add("KILL");
        info.ArgumentList.Add(((int)Math.Ceiling(budget.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(Launcher);
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Python", script));
        foreach (var a in args) info.ArgumentList.Add(a);
        Name = $"{script} {string.Join(' ', args)}";
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
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

    /// <summary>The real VidGear's Python launcher.</summary>
    public static string Launcher => RepoPaths.Shared(Path.Combine("peers", "vidgear", "python"));

    /// <summary>Starts <c>Python/<paramref name="script"/></c>; it is killed after <paramref name="budget"/> at the latest.</summary>
    public static PythonPeer Start(string script, TimeSpan budget, params string[] args) => new(script, budget, args);

    public string Name { get; }

    /// <summary>The JSON lines printed so far.</summary>
    public IReadOnlyList<JsonObject> Lines { get { lock (_lines) return _lines.ToList(); } }

    /// <summary>The lines of one event kind.</summary>
    public IReadOnlyList<JsonObject> Events(string kind) => Lines.Where(l => (string?)l["event"] == kind).ToList();

    /// <summary>Waits (bounded) until <paramref name="done"/> holds; fails with the output otherwise.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<JsonObject>, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done(Lines))
        {
            if (_process.HasExited)
            {
                await Task.Delay(300);
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

    /// <summary>The output so far, for failure messages.</summary>
    public string Describe()
    {
        var lines = Lines;
        var tail = lines.Skip(Math.Max(0, lines.Count - 12)).Select(l => l.ToJsonString());
        string err;
        lock (_stderr) err = _stderr.ToString();
        return $"stdout ({lines.Count} lines, last ones):\n{string.Join('\n', tail)}\nstderr (end):\n{(err.Length > 3000 ? err[^3000..] : err)}";
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        try { _process.WaitForExit(5000); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
