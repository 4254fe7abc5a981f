using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.NatsBench;

/// <summary>A <c>nats-server</c> the benchmark starts on a free loopback port and kills at the end.</summary>
internal sealed class NatsServerHost : IDisposable
{
    private readonly Process _process;

    private NatsServerHost(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<NatsServerHost> StartAsync()
    {
        var port = FreePort();
        var info = new ProcessStartInfo("nats-server") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-a", "127.0.0.1", "-p", port.ToString() }) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start (apt-get install nats-server)");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var host = new NatsServerHost(process, $"nats://127.0.0.1:{port}");
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return host;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        host.Dispose();
        throw new InvalidOperationException($"nats-server on port {port} did not accept connections within 10 s");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
