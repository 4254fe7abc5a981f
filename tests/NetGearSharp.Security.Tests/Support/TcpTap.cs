using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>
/// A raw TCP proxy on a port of its own that forwards to a target port on loopback and keeps a copy of every byte
/// that passed, in both directions, so a test can look for plaintext on the wire.
/// </summary>
public sealed class TcpTap : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _captured = new();
    private readonly List<Task> _tasks = [];
    private readonly List<TcpClient> _clients = [];

    public TcpTap(int target)
    {
        _target = target;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        lock (_tasks) _tasks.Add(AcceptLoop());
    }

    /// <summary>The port to connect to instead of the target.</summary>
    public int Port { get; }

    /// <summary>Every byte that passed so far (both directions).</summary>
    public byte[] Captured
    {
        get
        {
            lock (_captured) return _captured.ToArray();
        }
    }

    private async Task AcceptLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
                var outbound = new TcpClient();
                try
                {
                    await outbound.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                }
                catch (SocketException)
                {
                    inbound.Dispose();
                    outbound.Dispose();
                    continue;
                }
                lock (_tasks)
                {
                    _clients.Add(inbound);
                    _clients.Add(outbound);
                    _tasks.Add(Pump(inbound.GetStream(), outbound.GetStream(), inbound, outbound));
                    _tasks.Add(Pump(outbound.GetStream(), inbound.GetStream(), outbound, inbound));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { }
    }

    private async Task Pump(NetworkStream from, NetworkStream to, TcpClient a, TcpClient b)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token);
                if (n == 0) break;
                lock (_captured) _captured.Write(buffer, 0, n);
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException) { }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] tasks;
        lock (_tasks)
        {
            foreach (var c in _clients) c.Dispose();
            tasks = _tasks.ToArray();
        }
        await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }
}
