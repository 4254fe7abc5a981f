using NetGearSharp.Logging;
using NetGearSharp.Transport;

using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// Server tracking: follows the socket's connection events and the passing of time into the <see cref="ServerRegistry"/>
/// (states, counters), names the server of each message, counts malformed ones (logged at a limited rate) and hands
/// state changes to the <see cref="EventDispatcher"/>. Receive thread only (the registry is read from anywhere).
/// </summary>
internal sealed class ServerTracking
{
    /// <summary>How often every server's state (stale, lost) is checked.</summary>
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(10);

    private readonly ClientSettings _settings;
    private readonly ServerRegistry _registry;
    private readonly EventDispatcher _dispatcher;
    private readonly LogLimiter _limiter;
    private readonly List<ServerEventArgs> _events = [];
    /// <summary>The port each open connection arrived on (where the transport tells): a header must name its own port.</summary>
    private readonly ConnectionPorts _connections = new();
    /// <summary>Told which servers connect from this machine; null where the pattern does not answer.</summary>
    private readonly LocalCodecWork? _codec;
    private long _nextScanTicks;

    public ServerTracking(ClientSettings settings, ServerRegistry registry, EventDispatcher dispatcher, LocalCodecWork? codec = null)
    {
        _codec = codec;
        _settings = settings;
        _registry = registry;
        _dispatcher = dispatcher;
        _limiter = new LogLimiter(settings.Logger, TimeSpan.FromSeconds(10));
    }

    public ServerRegistry Registry => _registry;

    /// <summary>
    /// Applies the socket's connection events (a TCP connection says nothing about a server yet: with libzmq it is
    /// Connected at its ZeroMQ handshake); calls <paramref name="left"/> for each server whose connection closed.
    /// </summary>
    public void FollowConnections(ITransportSocket socket, long now, Action<int> left)
    {
        while (socket.TryGetEvent(out var ev))
        {
            if (Endpoints.PortOf(ev.Endpoint) is not { } port) continue;
            switch (ev.Kind)
            {
                case TransportEventKind.Accepted:
                    _registry.OnAccepted(port);
                    _connections.Accepted(ev.Connection, port);
                    _codec?.Accepted(port, ev.PeerOnThisMachine);
                    break;
                case TransportEventKind.HandshakeSucceeded or TransportEventKind.HandshakeFailed:
                    _registry.OnHandshake(port, ev.Kind == TransportEventKind.HandshakeSucceeded);
                    break;
                case TransportEventKind.AuthenticationFailed:
                    // A failed security handshake: its close follows and is not a peer's, as for any failed handshake.
                    _registry.OnHandshake(port, succeeded: false);
                    AuthenticationFailed(port, ev.Detail, now);
                    break;
                case TransportEventKind.ConnectionsShed:
                    _registry.OnShed(port, now);
                    _settings.Logger.ConnectionsShed(port, ev.Detail);
                    break;
                case TransportEventKind.MessageTooLarge:
                    // Its close follows as a Disconnected event; a real server reconnects and sends again.
                    Malformed(port, MalformedKind.MessageTooLarge, ev.Detail, now);
                    break;
                case TransportEventKind.PortMismatch:
                    // The transport checked the header itself (NetMQ's gate) and closed the connection.
                    Malformed(port, MalformedKind.PortMismatch, ev.Detail, now);
                    break;
                case TransportEventKind.Disconnected:
                    _connections.Disconnected(ev.Connection, port);
                    _registry.OnDisconnected(port, now);
                    left(port);
                    break;
            }
        }
    }

    /// <summary>
    /// A sender failed the security handshake on <paramref name="port"/> (counted; logged at a limited rate): a secure
    /// client refused it, or a plain client met a sender that uses CURVE.
    /// </summary>
    private void AuthenticationFailed(int port, string? detail, long now)
    {
        if (!_registry.OnAuthenticationFailed(port, detail ?? "security handshake failed", now)) return;
        if (_settings.Socket.Curve is null)
            _settings.Logger.ServerCouldNotConnect(port, detail);
        else
            _settings.Logger.ServerAuthenticationFailed(port, detail);
    }

    /// <summary>
    /// The listed port a message from <paramref name="connection"/> arrived on; null where the transport cannot tell
    /// (-1). The events can lag behind the message: a new connection's first message can be read before its accepted
    /// event, and its descriptor may still be known as a closed connection's of another port. So when the connection
    /// is unknown or known on another port than <paramref name="named"/>, the events are taken (as
    /// <see cref="FollowConnections"/> does) and it looks again.
    /// </summary>
    public int? ArrivalPort(ITransportSocket socket, long connection, int? named, long now, Action<int> left)
    {
        if (connection < 0) return null;
        if (_connections.PortOf(connection) is { } port && port == named) return port;
        FollowConnections(socket, now, left);
        return _connections.PortOf(connection);
    }

    /// <summary>
    /// True (and counted malformed on the arrival port) when a header names another port than the one its message
    /// arrived on: a peer on one server's port cannot speak for another.
    /// </summary>
    public bool SpeaksForAnother(int? arrivedOn, int? named, long now)
    {
        if (arrivedOn is not { } arrived || named is not { } port || arrived == port || !_settings.MultiServer) return false;
        Malformed(arrived, MalformedKind.PortMismatch, $"the header names port {port} but the message arrived on port {arrived}", now);
        return true;
    }

    /// <summary>
    /// Moves servers to stale and lost as time passes, at most every 10 ms (not on every wake-up: every millisecond while
    /// replies are held). True when it looked (the end rule is then checked too).
    /// </summary>
    public bool Scan(long now)
    {
        if (now < _nextScanTicks) return false;
        _nextScanTicks = now + ScanInterval.Ticks;
        _registry.Tick(now);
        return true;
    }

    /// <summary>Hands the state changes so far to the dispatcher (handlers never run on the receive thread).</summary>
    public void PublishEvents()
    {
        _registry.TakeEvents(_events);
        foreach (var e in _events) _dispatcher.Post(e);
        _events.Clear();
    }

    /// <summary>
    /// The server a frame comes from, or null (counted as malformed) when it names none, one not listed, or another than
    /// the port it arrived on (<paramref name="arrivedOn"/>, null where the transport cannot tell).
    /// </summary>
    public int? ResolvePort(int? named, int? arrivedOn, long now)
    {
        if (!_settings.MultiServer) return _settings.Ports[0];
        if (named is null)
        {
            Malformed(null, MalformedKind.BadHeaderField, "port is missing in multi-server mode", now);
            return null;
        }
        if (!_registry.Contains(named.Value))
        {
            // The hint names the mapping to make; the tool words it as its option (--forwarded-port).
            var target = arrivedOn is { } port ? port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "the client's port it arrives on";
            Malformed(null, MalformedKind.UnknownPort, $"port {named} is not in the client's list{(arrivedOn is null ? "" : $" (it arrived on port {arrivedOn})")}; a server behind a port forward that changes its port? map it with ForwardedPorts [{named}] = {target}", now);
            return null;
        }
        return SpeaksForAnother(arrivedOn, named, now) ? null : named.Value;
    }

    /// <summary>The server a goodbye comes from (checked by the registry).</summary>
    public int? TerminatingPort(int? named) => _settings.MultiServer ? named : _settings.Ports[0];

    /// <summary>Whether frames of <paramref name="port"/> are filtered out (counted, not delivered).</summary>
    public bool FilteredOut(int port)
    {
        if (_settings.Filter is not { } filter || filter.Contains(port)) return false;
        _registry.OnFiltered(port);
        return true;
    }

    /// <summary>Counts and logs (rate-limited) a malformed message; attributed to its server only if it is listed.</summary>
    public void Malformed(int? port, MalformedKind kind, string? reason, long now)
    {
        var known = port is { } p && _registry.Contains(p) ? port : null;
        _registry.OnMalformed(known, kind);
        _limiter.Malformed(kind, port, reason, now);
    }
}
