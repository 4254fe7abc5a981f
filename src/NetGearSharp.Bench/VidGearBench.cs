using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.Bench;

/// <summary>
/// Runs VidGear 0.3.5's side of a load-suite row as real processes: <c>bench/vidgear_window_bench.py</c> (VidGear's
/// own bench's workload and NetGear calls, measured over the same window as ours, flat out or paced with our servers'
/// phases), started by the peer's <c>python</c> launcher through <c>bench/vidgear-simplejpeg/run.py</c>, so VidGear
/// compresses with libjpeg-turbo's TurboJPEG as with the real simplejpeg rather than the peer's OpenCV stand-in. Its
/// ports are free ones, asked of the OS (<c>PORT_BASE</c>).
/// </summary>
internal sealed class VidGearBench
{
    private readonly string _peer;
    private readonly string _script;
    private readonly string _simpleJpegRun;

    /// <summary>Uses the VidGear peer folder (holding <c>python</c>, <c>setup</c>, <c>examples/</c>) and the repository's scripts.</summary>
    /// <exception cref="ArgumentException">The folder or a script is missing.</exception>
    public VidGearBench(string peerFolder, string windowScript, string simpleJpegRun)
    {
        _peer = Path.GetFullPath(peerFolder);
        _script = Path.GetFullPath(windowScript);
        _simpleJpegRun = Path.GetFullPath(simpleJpegRun);
        if (!File.Exists(Path.Combine(_peer, "python")))
            throw new ArgumentException($"'{_peer}' is not VidGear's peer folder (it needs its python launcher; run its setup first).", nameof(peerFolder));
        if (!File.Exists(_script)) throw new ArgumentException($"VidGear's side of the suite '{_script}' is missing.", nameof(windowScript));
        if (!File.Exists(_simpleJpegRun)) throw new ArgumentException($"The simplejpeg stand-in's '{_simpleJpegRun}' is missing.", nameof(simpleJpegRun));
    }

    /// <summary>
    /// Finds the repository's <c>bench/vidgear_window_bench.py</c> and <c>bench/vidgear-simplejpeg/run.py</c>
    /// (<see cref="RepoPaths.Find"/>) and VidGear's peer folder: <paramref name="peerFolder"/>, or
    /// <c>../shared/peers/vidgear</c> from the repository root. Null when something is missing.
    /// </summary>
    public static VidGearBench? Find(string? peerFolder = null)
    {
        var script = RepoPaths.Find(Path.Combine("bench", "vidgear_window_bench.py"));
        var run = RepoPaths.Find(Path.Combine("bench", "vidgear-simplejpeg", "run.py"));
        if (script is null || run is null) return null;
        var root = Path.GetDirectoryName(Path.GetDirectoryName(script))!;
        var peer = peerFolder ?? Path.Combine(root, "..", "shared", "peers", "vidgear");
        return File.Exists(Path.Combine(peer, "python")) ? new VidGearBench(peer, script, run) : null;
    }

    /// <summary>The peer folder used.</summary>
    public string PeerFolder => _peer;

    /// <summary>
    /// Runs one row: <paramref name="servers"/> VidGear server processes and one client, measured for
    /// <paramref name="seconds"/> after every server has delivered a frame and <paramref name="warmupSeconds"/> more,
    /// flat out (<paramref name="ratePerServer"/> 0) or paced. Killed (whole tree) if it overruns or is cancelled.
    /// </summary>
    /// <exception cref="InvalidOperationException">The bench failed or printed no result.</exception>
    public async Task<VidGearResult> RunAsync(NetGearPattern pattern, int servers, double seconds, double warmupSeconds, bool jpeg, double ratePerServer, CancellationToken ct)
    {
        var info = new ProcessStartInfo(Path.Combine(_peer, "python"));
        info.ArgumentList.Add(_simpleJpegRun);
        info.ArgumentList.Add(_script);
        info.ArgumentList.Add(((int)pattern).ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(servers.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(seconds.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(jpeg ? "1" : "0");
        info.ArgumentList.Add(ratePerServer.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(warmupSeconds.ToString(CultureInfo.InvariantCulture));
        info.Environment["PORT_BASE"] = FreePortRun(servers).ToString(CultureInfo.InvariantCulture);

        // Python's start and the servers' imports, every server's first frame within 30 s + 0.25 s per server, the
        // warm-up, the window, the servers' goodbyes (up to 20 s) and 1 s more.
        var limit = TimeSpan.FromSeconds(seconds + warmupSeconds + 70 + 0.5 * servers);
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
