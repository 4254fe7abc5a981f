using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.TestSupport;

/// <summary>
/// A port forward on loopback, as Docker's <c>-p</c> or <c>ssh -L</c> make: connections to <see cref="Port"/> (a free
/// port, from <see cref="FreePorts"/>) are relayed byte for byte to the target port, each chunk shown to an optional
/// observer first (a test that looks for plaintext on the wire). Dispose closes every connection.
/// </summary>
public sealed class TcpForward : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _target;
    private readonly Action<ReadOnlyMemory<byte>>? _observe;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private readonly List<TcpClient> _clients = [];

    /// <param name="target">The loopback port relayed to.</param>
    /// <param name="observe">Sees every chunk relayed, in both directions (called from the relaying tasks).</param>
    public TcpForward(int target, Action<ReadOnlyMemory<byte>>? observe = null)
    {
        _target = target;
        _observe = observe;
        Port = FreePorts.One();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        lock (_tasks) _tasks.Add(AcceptLoop());
    }

    /// <summary>The port that servers dial instead of the target.</summary>
    public int Port { get; }

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
                    _tasks.Add(Relay(inbound, outbound));
                    _tasks.Add(Relay(outbound, inbound));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { }
    }

    /// <summary>Copies one direction until it ends, then closes the other side's sending half (as a forward does).</summary>
    private async Task Relay(TcpClient from, TcpClient to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var n = await input.ReadAsync(buffer, _stop.Token);
                if (n == 0) break;
                _observe?.Invoke(buffer.AsMemory(0, n));
                await output.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] tasks;
        lock (_tasks)
        {
            foreach (var client in _clients) client.Dispose();
            tasks = [.. _tasks];
        }
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stop.Dispose();
    }
}
