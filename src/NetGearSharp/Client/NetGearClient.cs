using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NetGearSharp.Client;
using NetGearSharp.Protocol;
using NetGearSharp.Transport;

namespace NetGearSharp;

/// <summary>
/// The receiving side: binds one endpoint per server port and receives frames and messages from all servers, fairly,
/// with each server's state tracked. Wire-compatible with VidGear's <c>NetGear</c> in receive mode. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var client = new NetGearClient(new NetGearClientOptions { Ports = [5566, 5567] });
/// await foreach (var packet in client.ReadAllAsync(ct))
/// {
///     using (packet) Console.WriteLine($"{packet.Port}: {packet.Frame} {packet.MessageJson}");
/// }
/// </code>
/// </example>
public sealed class NetGearClient : IDisposable, IAsyncDisposable
{
    private readonly ClientSettings _settings;
    private readonly ServerRegistry _registry;
    private readonly FairQueue<NetGearPacket> _queue;
    private readonly ReceiveLoop _loop;
    private readonly string[] _boundEndpoints;
    private int _disposed;

    /// <summary>Validates the options, binds every port and starts receiving in the background.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and what is allowed.</exception>
    /// <exception cref="NetGearException">A port could not be bound (for example, it is in use).</exception>
    public NetGearClient(NetGearClientOptions options)
    {
        _settings = ClientSettings.From(options);
        _registry = new ServerRegistry(_settings.Ports, _settings.StaleAfter, _settings.LostAfter);
        _queue = new FairQueue<NetGearPacket>(_settings.QueueCapacity, _settings.DropOldest, packet => packet.Frame.Length);
        var socket = _settings.Transport.CreateSocket(_settings.Socket);
        try
        {
            if (_settings.Pattern == NetGearPattern.PubSub) socket.SubscribeAll();
            _boundEndpoints = new string[_settings.Endpoints.Count];
            for (var i = 0; i < _settings.Endpoints.Count; i++) _boundEndpoints[i] = Bind(socket, _settings.Endpoints[i]);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        DeviceId = Replies.NewDeviceId();
        _loop = new ReceiveLoop(_settings, socket, _registry, _queue, Raise, DeviceId);
        _settings.Logger.LogInformation("Client {Device} listening on {Endpoints} ({Pattern})", DeviceId, string.Join(", ", _boundEndpoints), _settings.Pattern);
        _loop.Start();
    }

    private static string Bind(ITransportSocket socket, string endpoint)
    {
        try
        {
            return socket.Bind(endpoint);
        }
        catch (Exception ex) when (ex is not ArgumentException)
        {
            throw new NetGearException($"Cannot bind {endpoint}: {ex.Message}. Is another program (or another client) using port {NetGearSharp.Transport.Endpoints.PortOf(endpoint)}?", ex);
        }
    }

    /// <summary>The random 8-character id this client puts in its replies, as VidGear does.</summary>
    public string DeviceId { get; }

    /// <summary>The servers' ports, in the order given.</summary>
    public IReadOnlyList<string> Ports => _settings.Ports;

    /// <summary>The endpoints actually bound.</summary>
    public IReadOnlyList<string> Endpoints => _boundEndpoints;

    /// <summary>Raised on the receive thread whenever a server changes state. Keep handlers short.</summary>
    public event EventHandler<ServerEventArgs>? ServerStateChanged;

    /// <summary>Raised when a server connects or starts streaming after waiting, being lost or having terminated.</summary>
    public event EventHandler<ServerEventArgs>? ServerJoined;

    /// <summary>Raised when a server terminates or is lost.</summary>
    public event EventHandler<ServerEventArgs>? ServerLeft;

    /// <summary>A snapshot of every server of the list.</summary>
    public IReadOnlyList<ServerInfo> Servers => _registry.Snapshot();

    /// <summary>Counters across all servers.</summary>
    public ClientStatistics Statistics => _registry.Statistics();

    /// <summary>Completes when the client stops receiving (auto-exit, timeouts or disposal), with the reason.</summary>
    public Task<ClientEndReason> Completion => _loop.Completion;

    /// <summary>True once the client has ended and every received packet has been read.</summary>
    public bool IsCompleted => _queue.IsCompleted && _queue.Count == 0;

    /// <summary>
    /// Waits for the next packet from any server (in fair order across servers).
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> for ever.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The packet, or null on timeout or once the client has ended (see <see cref="IsCompleted"/>), as VidGear's <c>recv()</c> returns <c>None</c>.</returns>
    public NetGearPacket? Receive(TimeSpan timeout, CancellationToken cancellationToken = default)
        => _queue.Dequeue(timeout, cancellationToken, out var packet) ? packet : null;

    /// <summary>Waits for the next packet; null once the client has ended or on timeout.</summary>
    public async ValueTask<NetGearPacket?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var (ok, packet) = await _queue.DequeueAsync(timeout, cancellationToken).ConfigureAwait(false);
        return ok ? packet : null;
    }

    /// <summary>
    /// Every packet from every server until the client ends (all servers gone, with auto-exit) or the token is
    /// cancelled. Dispose each packet when done with it.
    /// </summary>
    public async IAsyncEnumerable<NetGearPacket> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (ok, packet) = await _queue.DequeueAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            if (!ok) yield break;
            yield return packet!;
        }
    }

    /// <summary>The snapshot of one server, or null when the port is not in the list.</summary>
    public ServerInfo? GetServer(int port) => _registry.Snapshot(PortNames.Get(port));

    private void Raise(ServerEventArgs e)
    {
        ServerStateChanged?.Invoke(this, e);
        var wasAway = e.Previous is ServerState.Waiting or ServerState.Lost or ServerState.Terminated;
        var isHere = e.Current is ServerState.Connected or ServerState.Streaming;
        if (wasAway && isHere) ServerJoined?.Invoke(this, e);
        if (e.Current is ServerState.Lost or ServerState.Terminated || (e.Previous == ServerState.Connected && e.Current == ServerState.Waiting))
            ServerLeft?.Invoke(this, e);
    }

    /// <summary>Stops receiving, closes the sockets and frees queued packets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _loop.Dispose();
        foreach (var packet in _queue.DrainAll()) packet.Dispose();
    }

    /// <summary>Disposes on the thread pool (the receive thread is joined, which may take a moment).</summary>
    public ValueTask DisposeAsync() => new(Task.Run(Dispose));
}
