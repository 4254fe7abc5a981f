using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NetGearSharp.LoadBench;

/// <summary>
/// The kernel's ceiling for the Request/Reply raw rows: <c>bench/kernel-ceiling/rr_ceiling.c</c>, compiled once per
/// suite with the system's C compiler, moves the rows' 921,600-byte frames from N sender processes to one receiving
/// process over loopback TCP with no messaging stack above the sockets (a 1-byte answer per frame). Any stack, ours or
/// VidGear's, runs above this; the suite prints each row's ceiling beside it, measured right after ours.
/// </summary>
internal sealed class KernelCeiling : IDisposable
{
    private readonly string _folder;
    private readonly string _program;

    private KernelCeiling(string folder, string program)
    {
        _folder = folder;
        _program = program;
    }

    /// <summary>
    /// Compiles the ceiling program found under the repository root (upwards from the current directory and this
    /// program's folder). The ceiling is null, with the reason beside it, when the source or a C compiler
    /// (<c>cc</c>) is missing or the compile fails.
    /// </summary>
    public static async Task<(KernelCeiling? Ceiling, string? Why)> BuildAsync(CancellationToken ct)
    {
        var source = FindSource();
        if (source is null) return (null, "bench/kernel-ceiling/rr_ceiling.c was not found above the current directory");
        var folder = Directory.CreateTempSubdirectory("netgear-ceiling-").FullName;
        var program = Path.Combine(folder, "rr_ceiling");
        try
        {
            var (code, output) = await RunAsync("cc", ["-O2", "-o", program, source, "-lpthread"], TimeSpan.FromSeconds(60), ct);
            if (code == 0) return (new KernelCeiling(folder, program), null);
            Directory.Delete(folder, recursive: true);
            return (null, $"cc failed ({code}): {output.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Directory.Delete(folder, recursive: true);
            return (null, "no C compiler (cc) on the PATH; install gcc for the ceiling column");
        }
    }

    /// <summary>Runs the ceiling with <paramref name="servers"/> senders for <paramref name="seconds"/> (after 1 s of warm-up; two receiving threads, one with a single sender): frames/s.</summary>
    /// <exception cref="InvalidOperationException">The program failed or printed no result.</exception>
    public async Task<double> RunAsync(int servers, double seconds, CancellationToken ct)
    {
        var (code, output) = await RunAsync(_program,
            [servers.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture), Math.Min(2, servers).ToString(CultureInfo.InvariantCulture), "1"],
            TimeSpan.FromSeconds(seconds + 30), ct);
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        if (code != 0 || line is null) throw new InvalidOperationException($"The kernel ceiling exited with code {code}: {output.Trim()}");
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("fps").GetDouble();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"The kernel ceiling printed no frames/s: {line}", ex);
        }
    }

    /// <summary>Deletes the compiled program.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindSource()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var source = Path.Combine(dir.FullName, "bench", "kernel-ceiling", "rr_ceiling.c");
                if (File.Exists(Path.Combine(dir.FullName, "NetGearSharp.slnx")) && File.Exists(source)) return source;
            }
        }
        return null;
    }

    /// <summary>Runs a program to its end (killed, whole tree, after <paramref name="limit"/>): its exit code and its output, both streams.</summary>
    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, TimeSpan limit, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested) throw;
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish within {limit.TotalSeconds:0} s and was killed.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
