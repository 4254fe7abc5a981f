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
    private readonly NetMQPoller? _monitorPoller;
    private readonly ConcurrentQueue<TransportEvent> _events = new();
    /// <summary>Forced collections after very large parts, only where the process opted in (null otherwise).</summary>
    private readonly LargeBufferReclaimer? _reclaimer = LargeBufferReclaimer.ForThisProcess();
    /// <summary>Where a gate is to be put in front of a network address (null: NetMQ listens itself).</summary>
    private readonly GateLimits? _gateLimits;
    private readonly List<NetMqGate> _gates = [];
    /// <summary>NetMQ's loopback port behind the gates (one for all of them); null until the first gate.</summary>
    private GateTarget? _target;
    /// <summary>Every loopback port NetMQ listened on for the gates: its events there are the gates' to report.</summary>
    private readonly ConcurrentDictionary<int, bool> _innerPorts = new();
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
            _monitor.Accepted += (_, e) => { if (!Gated(e.Address)) _events.Enqueue(new TransportEvent(TransportEventKind.Accepted, e.Address)); };
            _monitor.Disconnected += (_, e) => { if (!Gated(e.Address)) _events.Enqueue(new TransportEvent(TransportEventKind.Disconnected, e.Address)); };
            _monitor.Connected += (_, e) => _events.Enqueue(new TransportEvent(TransportEventKind.Connected, e.Address));
            // Attached here, the monitor's end connects on this thread, before the socket can bind or connect: started on
            // its own thread (NetMQMonitor.Start), it connected later, and an event raised before that was lost.
            _monitorPoller = new NetMQPoller();
            _monitor.AttachToPoller(_monitorPoller);
            // The poller blocks its thread: give it its own rather than starve the thread pool, which NetMQ's I/O needs.
            _monitorPoller.RunAsync("NetGearSharp monitor", isBackgroundThread: true);
        }
    }

    public string Bind(string endpoint)
    {
        if (_gateLimits is { } limits && NetMqGate.Guards(endpoint, out var outer)) return BindGated(outer, limits);
        _socket.Bind(endpoint);
        return Reported(_socket.Options.LastEndpoint, endpoint);
    }

    /// <summary>
    /// The endpoint NetMQ reports as bound, or the one asked for. NetMQ 4.0.4.5 writes an IPv6 listener's address as its
    /// address family (<c>tcp://[InterNetworkV6]:5566</c>): the address asked for, with the port NetMQ chose, stands in.
    /// </summary>
    private static string Reported(string? reported, string asked)
    {
        if (reported is null) return asked;
        if (!reported.Contains("[InterNetworkV6]", StringComparison.Ordinal)) return reported;
        var port = Endpoints.PortOf(reported);
        var colon = asked.LastIndexOf(':');
        return port is null || colon < 0 ? asked : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{asked[..colon]}:{port}");
    }

    /// <summary>
    /// NetMQ listens on loopback (one port for all of the socket's gates), behind a gate on the network address (see
    /// <see cref="NetMqGate"/>). When the address's port is the one the system gave NetMQ's loopback listener (it was
    /// free when the caller chose it), NetMQ moves to another port first.
    /// </summary>
    private string BindGated(System.Net.IPEndPoint outer, GateLimits limits)
    {
        _target ??= new GateTarget(BindInner());
        var moved = false;
        if (_target.Port == outer.Port)
        {
            // Bound before the old one is let go, so the system cannot hand out the same port again.
            var old = _target.Port;
            _target.Port = BindInner();
            _socket.Unbind(Inner(old));
            moved = true;
        }
        var gate = moved ? BindOnceReleased(outer, limits) : new NetMqGate(outer, _target, limits, _events.Enqueue);
        _gates.Add(gate);
        return gate.Endpoint;
    }

    /// <summary>NetMQ lets go of an unbound port on its I/O thread, a moment later: the gate waits for it (up to 2 s).</summary>
    private NetMqGate BindOnceReleased(System.Net.IPEndPoint outer, GateLimits limits)
    {
        var until = Environment.TickCount64 + 2000;
        while (true)
        {
            try
            {
                return new NetMqGate(outer, _target!, limits, _events.Enqueue);
            }
            catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse && Environment.TickCount64 < until)
            {
                Thread.Sleep(10);
            }
        }
    }

    private int BindInner()
    {
        var port = _socket.BindRandomPort("tcp://127.0.0.1");
        _innerPorts[port] = true;
        return port;
    }

    /// <summary>Whether the monitor's end is connected, so no event is lost (null without a monitor; for tests).</summary>
    internal bool? MonitorListening => _monitor?.IsRunning;

    /// <summary>NetMQ's loopback port behind the gates, or null when nothing is gated (for tests).</summary>
    internal int? InnerPort => _target?.Port;

    private static string Inner(int port) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tcp://127.0.0.1:{port}");

    /// <summary>Whether an event of NetMQ's is on its loopback port behind the gates (the gates report their own).</summary>
    private bool Gated(string address) => Endpoints.PortOf(address) is { } port && _innerPorts.ContainsKey(port);

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
            // Stopped first, so the monitor lets go of its socket here rather than on the poller's thread.
            _monitorPoller!.Stop();
            _monitor.Dispose();
            _monitorPoller.Dispose();
        }
        _received.Close();
        _socket.Dispose();
    }
}
