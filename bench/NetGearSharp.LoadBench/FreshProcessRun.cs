using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetGearSharp.Bench;

namespace NetGearSharp.LoadBench;

/// <summary>
/// Runs one benchmark row in a fresh process of this program (<c>--json</c>), so each row's client starts clean: its
/// peak working set, gen-2 count and JIT state are its own, not what earlier rows (NetMQ's buffer pool) left behind.
/// </summary>
internal static class FreshProcessRun
{
    /// <summary>Runs <paramref name="settings"/> in a child process and returns its result; throws with its error output if it fails.</summary>
    /// <param name="settings">The row.</param>
    /// <param name="namedTransport">False: no <c>--transport</c> is passed, so the child runs on the library's default.</param>
    /// <param name="processTuning">False: the child and its servers run with <c>NETGEARSHARP_PROCESS_TUNING=0</c>, without the tool's process-wide tuning.</param>
    /// <param name="ct">Cancels (and kills) the run.</param>
    public static async Task<BenchResult> RunAsync(BenchSettings settings, bool namedTransport, bool processTuning, CancellationToken ct)
    {
        var command = ChildCommand.ForCurrentProcess();
        var info = new ProcessStartInfo(command.FileName);
        if (!processTuning) info.Environment[ToolEnvironment.ProcessTuning] = "0"; // the servers inherit it
        foreach (var a in command.ArgumentPrefix) info.ArgumentList.Add(a);
        foreach (var a in ArgumentsOf(settings, namedTransport)) info.ArgumentList.Add(a);

        var limit = TimeSpan.FromSeconds(settings.Seconds + settings.WarmupSeconds + 60 + 0.25 * settings.Servers);
        var (code, text, stderr) = await BoundedProcess.RunAsync(info, limit, "The run", ct);
        var errors = stderr.Trim();
        var line = BoundedProcess.LastJsonLine(text);
        if (code != 0 || line is null)
            throw new InvalidOperationException($"The run exited with code {code}: {(errors.Length > 0 ? errors : text.Trim())}");
        return JsonSerializer.Deserialize<BenchResult>(line) ?? throw new InvalidOperationException("The run printed no result.");
    }

    private static List<string> ArgumentsOf(BenchSettings s, bool namedTransport)
    {
        var args = new List<string>
        {
            "--servers", s.Servers.ToString(CultureInfo.InvariantCulture),
            "--pattern", s.PatternName,
            "--seconds", s.Seconds.ToString(CultureInfo.InvariantCulture),
            "--servers-per-process", s.ServersPerProcess.ToString(CultureInfo.InvariantCulture),
            "--json",
        };
        if (s.Jpeg) args.Add("--jpeg");
        if (namedTransport) args.AddRange(["--transport", s.TransportName]);
        if (s.RatePerServer > 0) args.AddRange(["--rate", s.RatePerServer.ToString(CultureInfo.InvariantCulture)]);
        if (s.ClientAddress != "127.0.0.1") args.AddRange(["--address", s.ClientAddress]);
        return args;
    }
}
