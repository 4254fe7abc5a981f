using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetGearSharp.Bench;

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
        var source = RepoPaths.Find(Path.Combine("bench", "kernel-ceiling", "rr_ceiling.c"));
        if (source is null) return (null, "bench/kernel-ceiling/rr_ceiling.c was not found above the current directory");
        var folder = Directory.CreateTempSubdirectory("netgear-ceiling-").FullName;
        var program = Path.Combine(folder, "rr_ceiling");
        try
        {
            var (code, output, errors) = await BoundedProcess.RunAsync(new ProcessStartInfo("cc", new[] { "-O2", "-o", program, source, "-lpthread" }), TimeSpan.FromSeconds(60), "cc", ct);
            if (code == 0) return (new KernelCeiling(folder, program), null);
            Directory.Delete(folder, recursive: true);
            return (null, $"cc failed ({code}): {(output + errors).Trim()}");
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
        var (code, stdout, errors) = await BoundedProcess.RunAsync(new ProcessStartInfo(_program,
            new[] { servers.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture), Math.Min(2, servers).ToString(CultureInfo.InvariantCulture), "1" }),
            TimeSpan.FromSeconds(seconds + 30), "rr_ceiling", ct);
        var output = stdout + errors;
        var line = BoundedProcess.LastJsonLine(output);
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
}
