using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NetGearSharp.Web.Tests.Support;

/// <summary>
/// A real X server (Debian's Xvfb) on a display number nobody uses, with the tools that look at it: <c>xwininfo</c>
/// (x11-utils) for a window's geometry and <c>import</c> (imagemagick) for a screenshot. Dispose stops it.
/// </summary>
public sealed partial class XvfbDisplay : IDisposable
{
    private readonly Process _xvfb;
    private readonly System.Text.StringBuilder _log = new();

    private XvfbDisplay(Process xvfb, int number, int width, int height)
    {
        _xvfb = xvfb;
        Number = number;
        Width = width;
        Height = height;
    }

    public int Number { get; }
    public string Name => $":{Number}";
    public int Width { get; }
    public int Height { get; }

    public static async Task<XvfbDisplay> StartAsync(int width, int height)
    {
        foreach (var tool in new[] { "/usr/bin/Xvfb", "/usr/bin/xwininfo", "/usr/bin/import" })
            if (!File.Exists(tool)) throw new InvalidOperationException($"{tool} is missing: install xvfb, x11-utils and imagemagick (scripts/setup does).");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var number = Random.Shared.Next(100, 900);
            if (File.Exists($"/tmp/.X{number}-lock") || File.Exists($"/tmp/.X11-unix/X{number}")) continue;
            var info = new ProcessStartInfo("Xvfb") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { $":{number}", "-screen", "0", $"{width}x{height}x24", "-nolisten", "tcp" }) info.ArgumentList.Add(arg);
            var xvfb = Process.Start(info)!;
            var display = new XvfbDisplay(xvfb, number, width, height);
            xvfb.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (display._log) display._log.AppendLine(e.Data); };
            xvfb.BeginErrorReadLine();
            xvfb.BeginOutputReadLine();
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(10) && !xvfb.HasExited)
            {
                if (File.Exists($"/tmp/.X11-unix/X{number}") && (await RunAsync("xwininfo", "-display", display.Name, "-root")).Code == 0) return display;
                await Task.Delay(100);
            }
            display.Dispose(); // lost a race for that number, or it failed: try another
        }
        throw new InvalidOperationException("Could not start Xvfb on a free display number.");
    }

    /// <summary>What Xvfb wrote, and whether it answers now (for a failure's message).</summary>
    public async Task<string> DiagnoseAsync()
    {
        var (code, output) = await RunAsync("xwininfo", "-display", Name, "-root", "-tree");
        lock (_log) return $"Xvfb {Name} running={!_xvfb.HasExited}; xwininfo -root -tree: {code}\n{output}\nXvfb said:\n{_log}";
    }

    /// <summary>The geometry of the window named <paramref name="title"/>, or null while there is none.</summary>
    public async Task<(int X, int Y, int Width, int Height)?> WindowAsync(string title)
    {
        var (code, output) = await RunAsync("xwininfo", "-display", Name, "-name", title);
        if (code != 0) return null;
        int Read(string label) => int.Parse(Regex.Match(output, label + @":\s+(-?\d+)").Groups[1].Value);
        return (Read("Absolute upper-left X"), Read("Absolute upper-left Y"), Read("Width"), Read("Height"));
    }

    /// <summary>
    /// Resizes the window named <paramref name="title"/> as a user (or window manager) would, with <c>xdotool</c>
    /// (a plain X ConfigureWindow request from another client).
    /// </summary>
    public async Task ResizeWindowAsync(string title, int width, int height)
    {
        if (!File.Exists("/usr/bin/xdotool")) throw new InvalidOperationException("/usr/bin/xdotool is missing: install xdotool (scripts/setup does).");
        var (code, output) = await RunOnAsync(Name, "xdotool", "search", "--name", $"^{Regex.Escape(title)}$");
        if (code != 0) throw new InvalidOperationException($"xdotool found no window named '{title}': {output}");
        foreach (var id in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            (code, output) = await RunOnAsync(Name, "xdotool", "windowsize", id, width.ToString(System.Globalization.CultureInfo.InvariantCulture), height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (code != 0) throw new InvalidOperationException($"xdotool windowsize {id} failed ({code}): {output}");
        }
    }

    /// <summary>
    /// Asks the window named <paramref name="title"/> to close, as a window manager's close button does
    /// (<see cref="XlibWindows.RequestClose"/>).
    /// </summary>
    public async Task CloseWindowAsync(string title)
    {
        if (!File.Exists("/usr/bin/xdotool")) throw new InvalidOperationException("/usr/bin/xdotool is missing: install xdotool (scripts/setup does).");
        var (code, output) = await RunOnAsync(Name, "xdotool", "search", "--name", $"^{Regex.Escape(title)}$");
        if (code != 0) throw new InvalidOperationException($"xdotool found no window named '{title}': {output}");
        using var x = XlibWindows.Open(Name);
        foreach (var id in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            x.RequestClose(nuint.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Gives the window named <paramref name="title"/> each of <paramref name="sizes"/> in turn from one <c>xdotool</c>
    /// process, microseconds apart: a resize and a toolkit's answer to it, as the X server's other clients see them.
    /// </summary>
    public async Task ResizeWindowInTurnAsync(string title, params (int Width, int Height)[] sizes)
    {
        if (!File.Exists("/usr/bin/xdotool")) throw new InvalidOperationException("/usr/bin/xdotool is missing: install xdotool (scripts/setup does).");
        var (code, output) = await RunOnAsync(Name, "xdotool", "search", "--name", $"^{Regex.Escape(title)}$");
        if (code != 0) throw new InvalidOperationException($"xdotool found no window named '{title}': {output}");
        var id = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var args = sizes.SelectMany(s => new[] { "windowsize", id, s.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Height.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray();
        (code, output) = await RunOnAsync(Name, "xdotool", args);
        if (code != 0) throw new InvalidOperationException($"xdotool {string.Join(' ', args)} failed ({code}): {output}");
    }

    /// <summary>A PNG screenshot of the whole screen.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"netgear-xvfb-{Number}-{Guid.NewGuid():N}.png");
        try
        {
            var (code, output) = await RunAsync("import", "-display", Name, "-window", "root", file);
            if (code != 0) throw new InvalidOperationException($"import failed ({code}): {output}");
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<(int Code, string Output)> RunAsync(string tool, params string[] args) => RunOnAsync(null, tool, args);

    /// <summary>Runs a tool to its end (20 s at most); <paramref name="display"/>: its DISPLAY, for tools without a -display flag.</summary>
    private static async Task<(int Code, string Output)> RunOnAsync(string? display, string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (display is not null) info.Environment["DISPLAY"] = display;
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish in 20 s");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        try
        {
            if (!_xvfb.HasExited)
            {
                // SIGTERM lets Xvfb remove its lock file and socket; SIGKILL only if it does not go.
                using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _xvfb.Id.ToString()]) { UseShellExecute = false })) term?.WaitForExit(5000);
                if (!_xvfb.WaitForExit(5000)) _xvfb.Kill();
            }
            _xvfb.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _xvfb.Dispose();
    }
}
