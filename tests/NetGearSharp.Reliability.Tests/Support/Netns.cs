using System.Diagnostics;

namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>
/// Network namespaces made by a test: one for the client and one per server, each server joined to the client by
/// its own veth pair with a private /30 (10.231.N.0/30) that exists only inside those namespaces. Nothing is
/// configured in the root namespace. Dispose deletes every namespace (which removes the veths).
/// </summary>
public sealed class Netns : IDisposable
{
    private readonly List<string> _created = [];

    private Netns(int servers)
    {
        Prefix = $"{NamePrefix}{Environment.ProcessId}x{Random.Shared.Next(1000, 9999)}";
        try
        {
            Ip($"netns add {ClientNs}");
            _created.Add(ClientNs);
            Ip($"-n {ClientNs} link set lo up");
            for (var i = 1; i <= servers; i++)
            {
                var ns = ServerNs(i);
                Ip($"netns add {ns}");
                _created.Add(ns);
                Ip($"-n {ns} link set lo up");
                Ip($"-n {ClientNs} link add c{i} type veth peer name s{i} netns {ns}");
                Ip($"-n {ClientNs} addr add 10.231.{i}.1/30 dev c{i}");
                Ip($"-n {ns} addr add 10.231.{i}.2/30 dev s{i}");
                Ip($"-n {ClientNs} link set c{i} up");
                Ip($"-n {ns} link set s{i} up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Every namespace made here starts with this, then the test process's id (how stale ones are found).</summary>
    private const string NamePrefix = "ngrel";

    public string Prefix { get; }
    public string ClientNs => Prefix + "c";
    public string ServerNs(int i) => $"{Prefix}s{i}";

    /// <summary>The client's address as seen from server <paramref name="i"/> (1-based).</summary>
    public static string ClientAddressFor(int i) => $"10.231.{i}.1";

    public static Netns Create(int servers) => new(servers);

    /// <summary>Takes server <paramref name="i"/>'s interface down or up, inside its namespace.</summary>
    public void SetServerLink(int i, bool up) => Ip($"-n {ServerNs(i)} link set s{i} {(up ? "up" : "down")}");

    /// <summary>Why namespaces cannot be made here, or null when they can (root, <c>ip</c> present, netns allowed).</summary>
    public static string? Unavailable { get; } = Probe();

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        if (!Environment.IsPrivilegedProcess) return "network namespaces need root (run the tests as root, as CI does)";
        var name = $"ngrelprobe{Environment.ProcessId}";
        try
        {
            Ip($"netns add {name}");
            Ip($"netns del {name}");
            DeleteStale();
            return null;
        }
        catch (Exception ex)
        {
            return $"cannot create a network namespace here ({ex.Message}); install iproute2 and run as root";
        }
    }

    /// <summary>Runs <c>ip</c>, at most 10 s (killed after that); its output, or an exception with its error.</summary>
    public static string Ip(string arguments)
    {
        var info = new ProcessStartInfo("ip", arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(info) ?? throw new InvalidOperationException("cannot start ip");
        // Both streams read while waiting, so that neither a full pipe nor a hung ip can outlast the bound.
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(10_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"ip {arguments} did not finish within 10 s");
        }
        p.WaitForExit(); // the streams' end
        if (p.ExitCode != 0) throw new InvalidOperationException($"ip {arguments} failed ({p.ExitCode}): {err.Result.Trim()}");
        return output.Result;
    }

    /// <summary>
    /// Deletes the namespaces of test processes that are gone (a run killed before its Dispose), so that none
    /// accumulates over runs; the namespaces of running test processes, this one's included, are left alone.
    /// </summary>
    private static void DeleteStale()
    {
        foreach (var line in Ip("netns list").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            if (!name.StartsWith(NamePrefix, StringComparison.Ordinal)) continue;
            var digits = new string(name[NamePrefix.Length..].TakeWhile(char.IsAsciiDigit).ToArray());
            if (!int.TryParse(digits, out var pid) || IsRunning(pid)) continue;
            try { Ip($"netns del {name}"); } catch (Exception ex) { Console.Error.WriteLine($"stale network namespace {name} left: {ex.Message}"); }
        }
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    public void Dispose()
    {
        foreach (var ns in _created)
        {
            // Best effort: one left behind (ip failed or hung) is said here and deleted by the next run's probe.
            try { Ip($"netns del {ns}"); } catch (Exception ex) { Console.Error.WriteLine($"network namespace {ns} left: {ex.Message}"); }
        }
        _created.Clear();
    }
}
