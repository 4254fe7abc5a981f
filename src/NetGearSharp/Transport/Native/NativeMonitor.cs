using System.Buffers.Binary;
using System.Text;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Follows a socket's connection events through <c>zmq_socket_monitor</c> and an inproc PAIR socket that is read
/// without blocking by the socket's own thread (no extra thread). Accepts and closes name their connection; handshakes
/// are reported for every socket (a peer counts as a server's only once its handshake succeeded: the registry's rule);
/// on a secure (CURVE) socket a failed handshake is reported as <see cref="TransportEventKind.AuthenticationFailed"/>
/// with why (<see cref="HandshakeFailure"/>), and so is one of a plain socket whose peer uses CURVE (a mechanism
/// mismatch). An accepted connection says whether its peer is on this machine (<see cref="PeerLocality"/>). Not
/// thread-safe.
/// </summary>
internal sealed class NativeMonitor : IDisposable
{
    private const int DefaultEvents = ZmqNative.EventAccepted | ZmqNative.EventDisconnected | ZmqNative.EventConnected | ZmqNative.EventHandshakeSucceeded
        | ZmqNative.EventHandshakeFailedNoDetail | ZmqNative.EventHandshakeFailedProtocol | ZmqNative.EventHandshakeFailedAuth;
    private static int s_id;
    private readonly IntPtr _watched;
    private readonly ZmqMessage _message = new();
    /// <summary>A secure (CURVE) socket: its failed handshakes are reported as authentication failures, with why.</summary>
    private readonly bool _secure;
    /// <summary>A CURVE client, or a plain socket that connects: the words of a failure are the sending side's.</summary>
    private bool _connecting;
    private IntPtr _pair;
    private bool _disposed;

    /// <summary>
    /// Monitors <paramref name="watched"/>: <paramref name="events"/> (libzmq's event bits) or, by default, accepts,
    /// connections, closes and handshakes.
    /// </summary>
    public NativeMonitor(IntPtr context, IntPtr watched, bool secure = false, int events = DefaultEvents, bool connecting = false)
    {
        _watched = watched;
        _secure = secure;
        _connecting = connecting;
        var endpoint = $"inproc://netgearsharp-native-monitor-{Environment.ProcessId}-{Interlocked.Increment(ref s_id)}";
        if (ZmqNative.zmq_socket_monitor(watched, endpoint, events) != 0)
        {
            _message.Dispose();
            throw ZmqNative.Failure("zmq_socket_monitor");
        }
        _pair = ZmqNative.zmq_socket(context, ZmqNative.Pair);
        // No receive limit (ZMQ_RCVHWM 0 makes the inproc pipe unbounded): libzmq's I/O thread sends each event with a
        // blocking send, so with a limit, events not yet taken could stall it. An event is a few dozen bytes.
        if (_pair == IntPtr.Zero || NativeOptions.SetInt(_pair, ZmqNative.Linger, 0) != 0 || NativeOptions.SetInt(_pair, ZmqNative.RcvHwm, 0) != 0
            || ZmqNative.zmq_connect(_pair, endpoint) != 0)
        {
            var failure = ZmqNative.Failure("connecting the monitor socket");
            Dispose();
            throw failure;
        }
    }

    /// <summary>The watched socket connects (it is a sending server): failures are told from that side.</summary>
    public void Connecting() => _connecting = true;

    /// <summary>Takes the next accepted, disconnected, connected or handshake event, if one is waiting.</summary>
    public bool TryGetEvent(out TransportEvent transportEvent)
    {
        while (_pair != IntPtr.Zero && _message.TryReceive(_pair, out _))
        {
            // Part 1: uint16 event, uint32 value; part 2: the endpoint.
            var head = _message.Data;
            var code = head.Length >= 6 ? BinaryPrimitives.ReadUInt16LittleEndian(head) : -1;
            // The value: the connection's descriptor for accepted, connected and disconnected events.
            long value = head.Length >= 6 ? BinaryPrimitives.ReadUInt32LittleEndian(head[2..]) : -1;
            if (!_message.More || !_message.TryReceive(_pair, out _)) continue;
            var endpoint = Encoding.UTF8.GetString(_message.Data);
            while (_message.More && _message.TryReceive(_pair, out _)) { }
            TransportEventKind? kind = code switch
            {
                ZmqNative.EventAccepted => TransportEventKind.Accepted,
                ZmqNative.EventDisconnected => TransportEventKind.Disconnected,
                ZmqNative.EventConnected => TransportEventKind.Connected,
                ZmqNative.EventHandshakeSucceeded => TransportEventKind.HandshakeSucceeded,
                ZmqNative.EventHandshakeFailedNoDetail or ZmqNative.EventHandshakeFailedProtocol or ZmqNative.EventHandshakeFailedAuth
                    => HandshakeFailure.IsSecurity(code, (uint)value, _secure) ? TransportEventKind.AuthenticationFailed : TransportEventKind.HandshakeFailed,
                _ => null,
            };
            if (kind is null) continue;
            var connection = kind is TransportEventKind.Accepted or TransportEventKind.Connected or TransportEventKind.Disconnected ? value : -1;
            var detail = kind == TransportEventKind.AuthenticationFailed ? HandshakeFailure.Describe(code, (uint)value, _secure, _connecting) : null;
            transportEvent = new TransportEvent(kind.Value, endpoint, connection, detail)
            {
                PeerOnThisMachine = kind == TransportEventKind.Accepted && PeerLocality.OnThisMachine(connection),
                Inconclusive = kind == TransportEventKind.AuthenticationFailed && code == ZmqNative.EventHandshakeFailedNoDetail,
            };
            return true;
        }
        transportEvent = default;
        return false;
    }

    /// <summary>Stops monitoring and closes the PAIR socket. Call before closing the watched socket.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ZmqNative.zmq_socket_monitor(_watched, null, 0);
        if (_pair != IntPtr.Zero) _ = ZmqNative.zmq_close(_pair);
        _pair = IntPtr.Zero;
        _message.Dispose();
    }
}
