using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.Bench;

/// <summary>
/// Runs VidGear 0.3.5's own multi-server load bench as a real process, for the side-by-side suite: flat out with
/// <c>examples/bench_multiserver.py</c> of the peer folder, paced with this repository's
/// <c>bench/vidgear_paced_multiserver.py</c> (the same workload at a fixed rate per server). Its ports are free ones,
/// asked of the OS (<c>PORT_BASE</c>).
/// </summary>
internal sealed class VidGearBench
{
    private readonly string _peer;
    private readonly string _pacedScript;

    /// <summary>Uses the VidGear peer folder (holding <c>python</c>, <c>setup</c>, <c>examples/</c>).</summary>
    /// <exception cref="ArgumentException">The folder or the paced script is missing.</exception>
    public VidGearBench(string peerFolder, string pacedScript)
    {
        _peer = Path.GetFullPath(peerFolder);
        _pacedScript = Path.GetFullPath(pacedScript);
        if (!File.Exists(Path.Combine(_peer, "python")) || !File.Exists(Path.Combine(_peer, "examples", "bench_multiserver.py")))
            throw new ArgumentException($"'{_peer}' is not VidGear's peer folder (it needs python and examples/bench_multiserver.py; run its setup first).", nameof(peerFolder));
        if (!File.Exists(_pacedScript)) throw new ArgumentException($"The paced VidGear bench '{_pacedScript}' is missing.", nameof(pacedScript));
    }

    /// <summary>
    /// Finds the repository's <c>bench/vidgear_paced_multiserver.py</c> (<see cref="RepoPaths.Find"/>) and VidGear's
    /// peer folder: <paramref name="peerFolder"/>, or <c>../shared/peers/vidgear</c> from the repository root. Null when
    /// something is missing.
    /// </summary>
    public static VidGearBench? Find(string? peerFolder = null)
    {
        var paced = RepoPaths.Find(Path.Combine("bench", "vidgear_paced_multiserver.py"));
        if (paced is null) return null;
        var root = Path.GetDirectoryName(Path.GetDirectoryName(paced))!;
        var peer = peerFolder ?? Path.Combine(root, "..", "shared", "peers", "vidgear");
        return File.Exists(Path.Combine(peer, "python")) && File.Exists(Path.Combine(peer, "examples", "bench_multiserver.py"))
            ? new VidGearBench(peer, paced)
            : null;
    }

    /// <summary>The peer folder used.</summary>
    public string PeerFolder => _peer;

    /// <summary>
    /// Runs one row: <paramref name="servers"/> VidGear server processes and one client for <paramref name="seconds"/>,
    /// flat out (<paramref name="ratePerServer"/> 0) or paced. Killed (whole tree) if it overruns or is cancelled.
    /// </summary>
    /// <exception cref="InvalidOperationException">The bench failed or printed no result.</exception>
    public async Task<VidGearResult> RunAsync(NetGearPattern pattern, int servers, double seconds, bool jpeg, double ratePerServer, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Path.Combine(_peer, "python"));
        var paced = ratePerServer > 0;
        info.ArgumentList.Add(paced ? _pacedScript : Path.Combine(_peer, "examples", "bench_multiserver.py"));
        info.ArgumentList.Add(((int)pattern).ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(servers.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(seconds.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(jpeg ? "1" : "0");
        if (paced) info.ArgumentList.Add(ratePerServer.ToString(CultureInfo.InvariantCulture));
        info.Environment["PORT_BASE"] = FreePortRun(servers).ToString(CultureInfo.InvariantCulture);

        // Its servers join within seconds + 20 s, then it waits 1 s more; Python's start and the servers' imports too.
        var limit = TimeSpan.FromSeconds(seconds + 60 + 0.5 * servers);
        var (exitCode, text, errors) = await BoundedProcess.RunAsync(info, limit, "VidGear's bench", ct);
        try
        {
            return VidGearResult.Parse(text);
        }
        catch (FormatException)
        {
            var tail = errors.Length > 2000 ? errors[^2000..] : errors;
            throw new InvalidOperationException($"VidGear's bench (exit {exitCode}) printed no result: {text.Trim()} {tail.Trim()}");
        }
    }

    /// <summary>The first of <paramref name="count"/> consecutive ports that are free now (the first one from the OS).</summary>
    public static int FreePortRun(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            int first;
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                first = ((IPEndPoint)probe.LocalEndPoint!).Port;
            }
            if (first + count > 65535) continue;
            if (Enumerable.Range(first, count).All(IsFree)) return first;
        }
        throw new InvalidOperationException($"No {count} consecutive free ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
