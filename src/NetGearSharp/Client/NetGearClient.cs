using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using NetGearSharp.Client;
using NetGearSharp.Client.Pipeline;
using NetGearSharp.Logging;
using NetGearSharp.Protocol;
using NetGearSharp.Timing;
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
    private readonly ReturnAnswers? _returns;
    private int _disposed;

    /// <summary>Validates the options, binds every port and starts receiving in the background.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and what is allowed.</exception>
    /// <exception cref="PortInUseException">A port is in use by another program (or another client).</exception>
    /// <exception cref="NetGearException">A port could not be bound for another reason.</exception>
    public NetGearClient(NetGearClientOptions options)
        : this(ClientSettings.From(options))
    {
    }

    /// <summary>A client of settings validated already (tests choose the machine's processor count this way).</summary>
    internal NetGearClient(ClientSettings settings)
    {
        _settings = settings;
        _registry = new ServerRegistry(_settings.Ports, _settings.StaleAfter, _settings.LostAfter, _settings.Clock);
        _queue = new FairQueue<NetGearPacket>(_settings.QueueCapacity, _settings.DropOldest, packet => packet.Frame.Length, _settings.Clock);
        var socket = _settings.Transport.CreateSocket(_settings.Socket);
        DeviceId = Replies.NewDeviceId();
        try
        {
            if (_settings.Pattern == NetGearPattern.PubSub) socket.SubscribeAll();
            _boundEndpoints = new string[_settings.Endpoints.Count];
            for (var i = 0; i < _settings.Endpoints.Count; i++) _boundEndpoints[i] = Bind(socket, _settings.Endpoints[i]);
            _returns = _settings.ReturnsData ? new ReturnAnswers(_settings) : null;
            // Building the loop can fail too (no descriptor left for its wake-up socket): the bound ports are let go.
            _loop = new ReceiveLoop(_settings, socket, _registry, _queue, Raise, DeviceId, _returns);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _settings.Logger.ClientListening(DeviceId, string.Join(", ", _boundEndpoints), _settings.Pattern);
        _loop.Start();
    }

    /// <summary>
    /// How long a bind is tried again while its port is in use: a client disposed a moment ago (in this process or
    /// another) may still hold it, as libzmq and NetMQ let a listening port go on their I/O threads, some milliseconds
    /// after the close. A port that another program holds fails after this.
    /// </summary>
    private static readonly TimeSpan InUseRetry = TimeSpan.FromMilliseconds(500);

    private static string Bind(ITransportSocket socket, string endpoint)
    {
        var deadline = Environment.TickCount64 + (long)InUseRetry.TotalMilliseconds;
        while (true)
        {
            try
            {
                return socket.Bind(endpoint);
            }
            catch (Exception ex) when (ex is not ArgumentException)
            {
                var port = NetGearSharp.Transport.Endpoints.PortOf(endpoint);
                if (port is not { } inUse || !IsAddressInUse(ex)) throw new NetGearException($"Cannot bind {endpoint}: {ex.Message.TrimEnd('.')}.", ex);
                if (Environment.TickCount64 >= deadline) throw new PortInUseException(inUse, endpoint, ex);
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>Whether a bind failed because the address is in use (NetMQ's exception, or libzmq's EADDRINUSE text).</summary>
    private static bool IsAddressInUse(Exception ex)
        => ex.GetType().Name == "AddressAlreadyInUseException"
           || ex.Message.Contains("Address already in use", StringComparison.OrdinalIgnoreCase);

    /// <summary>The random 8-character id this client puts in its replies, as VidGear does.</summary>
    public string DeviceId { get; }

    /// <summary>The servers' ports, in the order given.</summary>
    public IReadOnlyList<int> Ports => _settings.Ports;

    /// <summary>The endpoints actually bound.</summary>
    public IReadOnlyList<string> Endpoints => _boundEndpoints;

    /// <summary>
    /// Raised whenever a server changes state. Handlers of the client's events run one at a time, in order, on the
    /// thread pool, never on the receive thread: a slow handler delays later events, not frames. The client's end
    /// (<see cref="Completion"/>) comes after the handlers of the events before it. A handler may dispose the client
    /// (to stop when a server leaves): <see cref="Dispose"/> there does not wait for the handler that called it. A
    /// handler that throws is logged at error level; the other handlers, and <see cref="ServerJoined"/> and
    /// <see cref="ServerLeft"/> for the same change, still run.
    /// </summary>
    public event EventHandler<ServerEventArgs>? ServerStateChanged;

    /// <summary>Raised when a server connects or starts streaming after waiting, being lost or having terminated.</summary>
    public event EventHandler<ServerEventArgs>? ServerJoined;

    /// <summary>Raised when a server terminates or is lost (see <see cref="ServerStateChanged"/> for where handlers run).</summary>
    public event EventHandler<ServerEventArgs>? ServerLeft;

    /// <summary>A snapshot of every server of the list.</summary>
    public IReadOnlyList<ServerInfo> Servers => _registry.Snapshot();

    /// <summary>Counters across all servers.</summary>
    public ClientStatistics Statistics => _registry.Statistics();

    /// <summary>
    /// Completes when the client stops receiving (auto-exit, timeouts or disposal), with the reason. An ended client has
    /// closed its sockets (its ports refuse connections, once libzmq has closed the listeners on its I/O thread a few
    /// milliseconds later; a new client on the same ports waits for that); the frames still queued can be read. Faults with a
    /// <see cref="NetGearException"/> when the receive loop failed (a bug or a broken transport; nothing a peer sends).
    /// </summary>
    public Task<ClientEndReason> Completion => _loop.Completion;

    /// <summary>True once the client has ended and every received packet has been read.</summary>
    public bool IsCompleted => _queue.IsCompleted && _queue.Count == 0;

    /// <summary>Times the receive thread gave its processor away after waking the reader for a frame decoded on it (tests read it: <see cref="ReceiveLoop.Yields"/>).</summary>
    internal long ReceiveThreadYields => _loop.Yields;

    /// <summary>
    /// Waits for the next packet from any server (in fair order across servers).
    /// </summary>
    /// <param name="timeout">How long to wait: zero or more (<see cref="TimeSpan.Zero"/>: do not wait), or
    /// <see cref="Timeout.InfiniteTimeSpan"/> for ever (as is <see cref="TimeSpan.MaxValue"/>).</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The packet, or null on timeout or once the client has ended (see <see cref="IsCompleted"/>, and
    /// <see cref="Completion"/> for why: it fails if the receive loop did), as VidGear's <c>recv()</c> returns <c>None</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public NetGearPacket? Receive(TimeSpan timeout, CancellationToken cancellationToken = default)
        => _queue.Dequeue(WaitTimeout.Check(timeout, nameof(timeout)), cancellationToken, out var packet) ? packet : null;

    /// <summary>Waits for the next packet; null once the client has ended or on timeout.</summary>
    /// <param name="timeout">How long to wait, as for <see cref="Receive"/>.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public async ValueTask<NetGearPacket?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var (ok, packet) = await _queue.DequeueAsync(WaitTimeout.Check(timeout, nameof(timeout)), cancellationToken).ConfigureAwait(false);
        return ok ? packet : null;
    }

    /// <summary>
    /// Every packet from every server until the client ends (all servers gone, with auto-exit) or the token is
    /// cancelled. Dispose each packet when done with it.
    /// </summary>
    /// <exception cref="NetGearException">
    /// The client's receive loop failed (a bug or a broken transport; nothing a peer sends does that): after the packets
    /// received before, the enumeration ends with that error instead of as if every server had gone.
    /// </exception>
    public async IAsyncEnumerable<NetGearPacket> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (ok, packet) = await _queue.DequeueAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                // The loop sets its failure before it completes the queue.
                if (Completion is { IsFaulted: true } failed) ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
                yield break;
            }
            yield return packet!;
        }
    }

    /// <summary>
    /// Every packet with its message read as <typeparamref name="TMessage"/> (see <see cref="NetGearMessageJson"/> for
    /// the naming rules), until the client ends or the token is cancelled. Dispose each packet when done with it.
    /// </summary>
    /// <typeparam name="TMessage">The message type (a record, a class, a dictionary, a tuple, a primitive).</typeparam>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    /// <exception cref="System.Text.Json.JsonException">
    /// A message does not fit <typeparamref name="TMessage"/> (a member missing or unknown, a wrong type); the packet is
    /// disposed and the enumeration ends with the error, naming the server's port. Use <see cref="ReadAllAsync(CancellationToken)"/>
    /// with <see cref="NetGearPacket.TryGetMessage{T}"/> to skip such messages instead.
    /// </exception>
    /// <exception cref="NetGearException">The client's receive loop failed (see <see cref="ReadAllAsync(CancellationToken)"/>).</exception>
    public async IAsyncEnumerable<NetGearPacket<TMessage>> ReadAllAsync<TMessage>([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var packet in ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            TMessage? message;
            try
            {
                message = packet.GetMessage<TMessage>();
            }
            catch (System.Text.Json.JsonException ex)
            {
                packet.Dispose();
                throw new System.Text.Json.JsonException(
                    $"The message from port {packet.Port} does not fit {typeof(TMessage).Name}: {ex.Message}", ex.Path, ex.LineNumber, ex.BytePositionInLine, ex);
            }
            yield return new NetGearPacket<TMessage>(packet, message);
        }
    }

    /// <summary>
    /// Bidirectional or multi-client mode: sets the data returned with the answers to every server's frames from now on
    /// (as VidGear's <c>recv(return_data=...)</c>; it stays until set again), unless the <see cref="NetGearClientOptions.ReturnData"/>
    /// callback or <see cref="SetReturnData(int, NetGearReturnData)"/> gives a server its own. Null: none.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client is in neither mode, or uses Publish/Subscribe (which never answers).</exception>
    public void SetReturnData(NetGearReturnData? data) => Returns().SetForAll(data);

    /// <summary>
    /// Bidirectional or multi-client mode: sets the data returned with the answers to the frames of the server of
    /// <paramref name="port"/> only (the one whose frames are answered). Null: back to the data for all servers.
    /// </summary>
    /// <exception cref="ArgumentException">The port is not one of <see cref="Ports"/>.</exception>
    /// <exception cref="InvalidOperationException">The client is in neither mode, or uses Publish/Subscribe.</exception>
    public void SetReturnData(int port, NetGearReturnData? data)
    {
        var returns = Returns();
        if (!_settings.Ports.Contains(port))
            throw new ArgumentException($"Port {port} is not one of the client's ports [{string.Join(", ", _settings.Ports)}].", nameof(port));
        returns.SetFor(port, data);
    }

    private ReturnAnswers Returns() => _returns ?? throw new InvalidOperationException(
        $"Return data needs BidirectionalMode or MultiClientMode with Pattern Pair or ReqRep; this client uses {_settings.Pattern} without them.");

    /// <summary>The snapshot of one server, or null when the port is not in the list.</summary>
    public ServerInfo? GetServer(int port) => _registry.Snapshot(port);

    private void Raise(ServerEventArgs e)
    {
        Invoke(ServerStateChanged, nameof(ServerStateChanged), e);
        var wasAway = e.Previous is ServerState.Waiting or ServerState.Lost or ServerState.Terminated or ServerState.AuthenticationFailed;
        var isHere = e.Current is ServerState.Connected or ServerState.Streaming;
        if (wasAway && isHere) Invoke(ServerJoined, nameof(ServerJoined), e);
        if (e.Current is ServerState.Lost or ServerState.Terminated || (e.Previous == ServerState.Connected && e.Current == ServerState.Waiting))
            Invoke(ServerLeft, nameof(ServerLeft), e);
    }

    /// <summary>Calls every handler of an event, each on its own: one that throws is logged and the others still run.</summary>
    private void Invoke(EventHandler<ServerEventArgs>? handlers, string name, ServerEventArgs e)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<ServerEventArgs>)handler)(this, e);
            }
            catch (Exception ex)
            {
                _settings.Logger.EventHandlerFailed(ex, name, e.Port, e.Previous, e.Current);
            }
        }
    }

    /// <summary>Stops receiving, closes the sockets and frees queued packets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _loop.Dispose();
        foreach (var packet in _queue.DrainAll()) packet.Dispose();
    }

    /// <summary>
    /// Stops receiving, closes the sockets and frees queued packets, awaiting the receive thread's end (a moment)
    /// instead of blocking the caller's thread on it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var fromHandler = _loop.CalledFromHandler; // before the first await, on the caller's thread
        if (Volatile.Read(ref _disposed) == 0) _loop.RequestStop();
        // Also when another thread disposes: this one returns once the ports are let go, as that one does.
        await StopAsync(fromHandler, CancellationToken.None).ConfigureAwait(false);
#pragma warning disable VSTHRD103 // the receive thread has ended and the handlers have run: Dispose only releases
        Dispose();
#pragma warning restore VSTHRD103
    }

    /// <summary>
    /// Awaits the receive thread's end (it lets the ports go; at most 5 s, after which <see cref="Dispose"/> joins it
    /// again, bounded) and the event handlers still queued (at most 2 s), without blocking the caller's thread.
    /// </summary>
    private async Task StopAsync(bool fromHandler, CancellationToken cancellationToken)
    {
        try
        {
            await _loop.Exited.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Dispose joins it again, bounded.
        }
        await _loop.DrainEventsAsync(fromHandler).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops receiving and closes the sockets, as <see cref="DisposeAsync"/>, waiting for the receive thread
    /// without blocking the caller.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the receive thread; the client is closed either way.</param>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        var fromHandler = _loop.CalledFromHandler;
        if (Volatile.Read(ref _disposed) == 0) _loop.RequestStop();
        try
        {
            await StopAsync(fromHandler, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The receive thread has ended (or the wait was given up): Dispose only releases the sockets and queue.
#pragma warning disable VSTHRD103
            Dispose();
#pragma warning restore VSTHRD103
        }
    }
}
