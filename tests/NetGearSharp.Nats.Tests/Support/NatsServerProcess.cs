using System.Diagnostics;
using System.Net.Sockets;

namespace NetGearSharp.Nats.Tests.Support;

/// <summary>
/// A real <c>nats-server</c> (Debian's package) on a free loopback port, killed (with its whole process) on dispose.
/// Optionally with JetStream (a temporary store directory), a configuration file, or as a node of a cluster.
/// </summary>
public sealed class NatsServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NatsServerProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>The server's name (<c>-n</c>), as JetStream's cluster information names it.</summary>
    public string ServerName => $"node{Port}";

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    /// <param name="jetStream">Enable JetStream with a temporary store.</param>
    /// <param name="config">Extra lines for a configuration file (e.g. <c>max_payload: 65536</c>).</param>
    /// <param name="clusterPort">This node's cluster (route) port, for a cluster.</param>
    /// <param name="routes">The other nodes' cluster ports.</param>
    public static async Task<NatsServerProcess> StartAsync(bool jetStream = false, string? config = null, int? clusterPort = null, IReadOnlyList<int>? routes = null, int? port = null)
    {
        var directory = Directory.CreateTempSubdirectory("ngs-nats-").FullName;
        var clientPort = port ?? FreePorts.One();
        var args = new List<string> { "-a", "127.0.0.1", "-p", clientPort.ToString(), "-n", $"node{clientPort}" };
        if (jetStream) args.AddRange(["-js", "-sd", Path.Combine(directory, "js")]);
        if (config is not null)
        {
            var file = Path.Combine(directory, "nats.conf");
            await File.WriteAllTextAsync(file, config);
            args.AddRange(["-c", file]);
        }
        if (clusterPort is { } cluster)
        {
            args.AddRange(["--cluster_name", "ngs", "--cluster", $"nats://127.0.0.1:{cluster}"]);
            if (routes is { Count: > 0 }) args.AddRange(["--routes", string.Join(",", routes.Select(r => $"nats://127.0.0.1:{r}"))]);
        }
        var info = new ProcessStartInfo("nats-server") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start (is it installed? apt-get install nats-server)");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new NatsServerProcess(process, clientPort, directory);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                server.Dispose();
                lock (log) throw new InvalidOperationException($"nats-server {string.Join(" ", args)} exited: {log}");
            }
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", clientPort);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        server.Dispose();
        throw new TimeoutException($"nats-server on port {clientPort} did not accept connections within 20 s");
    }

    /// <summary>Freezes the server (SIGSTOP): a NATS that takes nothing more, as an overloaded or stuck one.</summary>
    public void Pause() => Signal(19);

    /// <summary>Lets a frozen server go on (SIGCONT).</summary>
    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        if (!_process.HasExited && kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>Kills the server at once (SIGKILL), as a crashed node.</summary>
    public void Kill()
    {
        try
        {
            Resume();
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
