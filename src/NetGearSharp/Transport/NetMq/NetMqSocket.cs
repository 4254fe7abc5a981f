using System.Collections.Concurrent;
using NetMQ;
using NetMQ.Monitoring;
using NetGearSharp.Transport.NetMq.Gate;

namespace NetGearSharp.Transport.NetMq;

/// <summary>A NetMQ socket behind <see cref="ITransportSocket"/>; receives into one reused <see cref="Msg"/>.</summary>
internal sealed class NetMqSocket : ITransportSocket
{
    private static int s_monitorId;
    private readonly NetMQSocket _socket;
    private readonly NetMQMonitor? _monitor;
    private readonly ConcurrentQueue<TransportEvent> _events = new();
    /// <summary>Forced collections after very large parts, only where the process opted in (null otherwise).</summary>
    private readonly LargeBufferReclaimer? _reclaimer = LargeBufferReclaimer.ForThisProcess();
    /// <summary>Where a gate is to be put in front of a network address (null: NetMQ listens itself).</summary>
    private readonly GateLimits? _gateLimits;
    private readonly List<NetMqGate> _gates = [];
    /// <summary>The endpoint each gate listens on, by the loopback port of NetMQ behind it (events name that port).</summary>
    private readonly ConcurrentDictionary<int, string> _gatedEndpoints = new();
    private Msg _received;
    private bool _disposed;

    public NetMqSocket(NetMQSocket socket, bool monitor, GateLimits? gateLimits = null)
    {
        _socket = socket;
        _gateLimits = gateLimits;
        _received.InitEmpty();
        if (monitor)
        {
            var id = Interlocked.Increment(ref s_monitorId);
            _monitor = new NetMQMonitor(socket, $"inproc://netgearsharp-monitor-{Environment.ProcessId}-{id}",
                SocketEvents.Accepted | SocketEvents.Disconnected | SocketEvents.Connected);
            _monitor.Accepted += (_, e) => _events.Enqueue(new TransportEvent(TransportEventKind.Accepted, Outer(e.Address)));
            _monitor.Disconnected += (_, e) => _events.Enqueue(new TransportEvent(TransportEventKind.Disconnected, Outer(e.Address)));
            _monitor.Connected += (_, e) => _events.Enqueue(new TransportEvent(TransportEventKind.Connected, e.Address));
            _monitor.Timeout = TimeSpan.FromMilliseconds(50);
            // The monitor blocks its thread: give it its own rather than starve the thread pool, which NetMQ's I/O needs.
            var monitorThread = new Thread(_monitor.Start) { IsBackground = true, Name = "NetGearSharp monitor" };
            monitorThread.Start();
        }
    }

    public string Bind(string endpoint)
    {
        if (_gateLimits is { } limits && NetMqGate.Guards(endpoint, out var outer)) return BindGated(outer, limits);
        _socket.Bind(endpoint);
        return _socket.Options.LastEndpoint ?? endpoint;
    }

    /// <summary>NetMQ listens on loopback, behind a gate on the network address (see <see cref="NetMqGate"/>).</summary>
    private string BindGated(System.Net.IPEndPoint outer, GateLimits limits)
    {
        var innerPort = _socket.BindRandomPort("tcp://127.0.0.1");
        try
        {
            var gate = new NetMqGate(outer, innerPort, limits, _events.Enqueue);
            _gatedEndpoints[innerPort] = gate.Endpoint;
            _gates.Add(gate);
            return gate.Endpoint;
        }
        catch
        {
            _socket.Unbind(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{innerPort}"));
            throw;
        }
    }

    /// <summary>The endpoint a peer sees for an event of NetMQ's: the gate's, where NetMQ listens behind one.</summary>
    private string Outer(string address)
        => Endpoints.PortOf(address) is { } port && _gatedEndpoints.TryGetValue(port, out var outer) ? outer : address;

    public void Connect(string endpoint) => _socket.Connect(endpoint);

    public void SubscribeAll() => ((NetMQ.Sockets.SubscriberSocket)_socket).SubscribeToAnyTopic();

    public bool TryReceive(TimeSpan timeout, out ReadOnlySpan<byte> part, out bool more)
    {
        var released = _received.Size;
        _received.Close();
        _received.InitEmpty();
        _reclaimer?.Released(released);
        if (!_socket.TryReceive(ref _received, WholeMilliseconds(timeout)))
        {
            _reclaimer?.Idle();
            part = default;
            more = false;
            return false;
        }
        part = _received.Size == 0 ? ReadOnlySpan<byte>.Empty : _received.Slice();
        more = _received.HasMore;
        return true;
    }

    /// <summary>NetMQ's received buffers are pooled and reused at once: the caller copies.</summary>
    public System.Buffers.MemoryManager<byte>? TakeLastPart() => null;

    public bool CanTakeParts => false;

    /// <summary>NetMQ's receive cannot be interrupted from another thread.</summary>
    public bool EnableWakeUp() => false;

    public void WakeUp() { }

    /// <summary>NetMQ copies the part (its messages own their buffers).</summary>
    public bool TrySendBorrowed(ReadOnlyMemory<byte> part, TimeSpan timeout, out SendRelease release)
    {
        release = SendRelease.Done;
        return TrySend(part.Span, more: false, timeout);
    }

    public bool TrySend(ReadOnlySpan<byte> part, bool more, TimeSpan timeout)
    {
        var msg = new Msg();
        if (part.Length == 0) msg.InitEmpty();
        else
        {
            msg.InitPool(part.Length);
            part.CopyTo(msg.Slice());
        }
        try
        {
            return _socket.TrySend(ref msg, WholeMilliseconds(timeout), more);
        }
        finally
        {
            msg.Close();
        }
    }

    /// <summary>
    /// NetMQ blocks for ever on a positive timeout under one millisecond (it becomes 0 ms but still counts as
    /// blocking): round positive timeouts up to whole milliseconds.
    /// </summary>
    internal static TimeSpan WholeMilliseconds(TimeSpan timeout)
        => timeout <= TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(Math.Ceiling(timeout.TotalMilliseconds));

    /// <summary>NetMQ does not tell which connection a message came from.</summary>
    public long LastPartConnection => -1;

    public bool TryGetEvent(out TransportEvent transportEvent) => _events.TryDequeue(out transportEvent);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var gate in _gates) gate.Dispose();
        if (_monitor is not null)
        {
            try { _monitor.Stop(); } catch (Exception) { /* already stopped */ }
            _monitor.Dispose();
        }
        _received.Close();
        _socket.Dispose();
    }
}
