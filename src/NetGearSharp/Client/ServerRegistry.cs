using System.Text.Json;

using NetGearSharp.Timing;

namespace NetGearSharp.Client;

/// <summary>
/// Tracks every server of the client's list: state, counters and rates. Called from the receive loop; read from any
/// thread through snapshots. State changes are collected and raised by the loop outside the lock.
/// </summary>
internal sealed class ServerRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ServerRecord> _servers = new();
    private readonly List<ServerEventArgs> _events = [];
    private readonly long[] _malformedByKind = new long[Enum.GetValues<MalformedKind>().Length];
    private readonly long _staleTicks;
    private readonly long _lostTicks;
    private long _malformedUnknown;
    private long _totalFrames;
    private long _filteredOut;
    private long _repliesHeld;
    private long _authenticationFailures;
    private long _lastFrameTicks;
    /// <summary>Frames read this soon after a connection closed may have been queued before the close.</summary>
    private static readonly long QueuedGrace = TimeSpan.FromMilliseconds(250).Ticks;
    /// <summary>How long a new connection on a port that has sent nothing valid delays the end (the native handshake timeout).</summary>
    private static readonly long ComingWindow = TimeSpan.FromSeconds(10).Ticks;
    /// <summary>Whether the transport reports ZeroMQ handshakes (libzmq does; NetMQ does not): learnt from the first one.</summary>
    private bool _handshakes;

    private readonly MonotonicClock _clock;

    public ServerRegistry(IEnumerable<int> ports, TimeSpan staleAfter, TimeSpan lostAfter, MonotonicClock? clock = null)
    {
        _clock = clock ?? MonotonicClock.System;
        foreach (var port in ports) _servers[port] = new ServerRecord(port);
        _staleTicks = staleAfter.Ticks;
        _lostTicks = lostAfter.Ticks;
    }

    /// <summary>Now on the client's clock (monotonic ticks).</summary>
    public long Now => _clock.Now;

    public bool Contains(int port) => _servers.ContainsKey(port);

    /// <summary>When the last frame from any server arrived (monotonic ticks), 0 if none.</summary>
    public long LastFrameTicks { get { lock (_gate) return _lastFrameTicks; } }

    /// <summary>
    /// A TCP connection was accepted on the port. It says nothing about a server yet (a port scanner connects too):
    /// with a transport that reports handshakes the server is Connected at its handshake; otherwise it comes with its
    /// first valid message.
    /// </summary>
    public void OnAccepted(int port)
    {
        lock (_gate)
        {
            if (!_servers.TryGetValue(port, out var s)) return;
            s.Connections++;
            s.LastAcceptTicks = Now;
            // NetMQ: a quick reconnect is not a loss (the handshake says so with libzmq).
            if (!_handshakes) s.DisconnectedTicks = 0;
        }
    }

    /// <summary>A connection on the port completed (or failed) its ZeroMQ handshake.</summary>
    public void OnHandshake(int port, bool succeeded)
    {
        lock (_gate)
        {
            _handshakes = true;
            if (!_servers.TryGetValue(port, out var s)) return;
            if (!succeeded)
            {
                s.FailedHandshakes++;
                return;
            }
            s.Peers++;
            s.DisconnectedTicks = 0;
            // Not from Terminated: the handshake of the connection that carried the goodbye can be reported after
            // the goodbye itself (a server that reconnects to say it), and would turn a goodbye into Connected, then Lost.
            // A server that really restarts after its goodbye becomes Streaming with its first frame.
            if (s.State is ServerState.Waiting or ServerState.Lost or ServerState.AuthenticationFailed) SetState(s, ServerState.Connected);
        }
    }

    /// <summary>
    /// A sender failed the security handshake on this port: counted, and the port shows
    /// <see cref="ServerState.AuthenticationFailed"/> unless an authenticated server is already here (that one keeps its
    /// state). The port does not become active: it does not count for auto-exit. Returns whether to log it (the first
    /// failure of a port, then at most one every 10 s: a sender with the wrong key retries several times a second).
    /// </summary>
    public bool OnAuthenticationFailed(int port, string detail, long now)
    {
        lock (_gate)
        {
            _authenticationFailures++;
            if (!_servers.TryGetValue(port, out var s)) return true;
            s.AuthenticationFailures++;
            var log = s.AuthenticationLoggedTicks == 0 || now - s.AuthenticationLoggedTicks >= TimeSpan.TicksPerSecond * 10;
            if (log) s.AuthenticationLoggedTicks = now;
            s.LastAuthenticationFailure = detail;
            if (s.State is ServerState.Waiting or ServerState.Lost) SetState(s, ServerState.AuthenticationFailed);
            return log;
        }
    }

    /// <summary>
    /// How long a server whose connections the client closed itself (<see cref="OnShed"/>) has to come back before its
    /// close makes it lost: a Request/Reply server sends again only after its request timeout (4 s by default, as in
    /// VidGear), then reconnects.
    /// </summary>
    public static readonly TimeSpan ShedGrace = TimeSpan.FromSeconds(6);

    /// <summary>
    /// The transport closed every connection of <paramref name="port"/> (a connection flood, shed before the process ran
    /// out of descriptors); the closes that follow are the client's doing, so the server is not lost for
    /// <see cref="ShedGrace"/> unless it stays away.
    /// </summary>
    public void OnShed(int port, long now)
    {
        lock (_gate)
        {
            if (_servers.TryGetValue(port, out var s)) s.ShedGraceUntilTicks = now + ShedGrace.Ticks;
        }
    }

    /// <summary>Counts a reply held back by flow control.</summary>
    public void OnReplyHeld() => Interlocked.Increment(ref _repliesHeld);

    public void OnDisconnected(int port, long now)
    {
        lock (_gate)
        {
            if (!_servers.TryGetValue(port, out var s)) return;
            s.Connections = Math.Max(0, s.Connections - 1);
            if (_handshakes)
            {
                // Each failed handshake is followed by its connection's close: that close is not a peer's.
                if (s.FailedHandshakes > 0)
                {
                    s.FailedHandshakes--;
                    return;
                }
                s.Peers = Math.Max(0, s.Peers - 1);
            }
            if (s.State is ServerState.Terminated or ServerState.Lost or ServerState.Waiting or ServerState.AuthenticationFailed) return;
            var open = _handshakes ? s.Peers : s.Connections;
            if (open == 0) s.DisconnectedTicks = now;
            else
            {
                // Maybe the server's, maybe a junk one: the server's silence after it decides.
                s.LastCloseTicks = now;
                if (s.SuspectTicks == 0) s.SuspectTicks = now;
            }
        }
    }

    /// <summary>Records a frame; returns its sequence number for that server.</summary>
    /// <param name="port">The server.</param>
    /// <param name="bytes">Payload bytes.</param>
    /// <param name="message">The message's JSON (shared with the packet, never modified), or null for none.</param>
    /// <param name="now">Monotonic ticks.</param>
    public long OnFrame(int port, long bytes, byte[]? message, long now)
    {
        lock (_gate)
        {
            var s = _servers[port];
            s.Frames++;
            s.Bytes += bytes;
            s.LastFrameTicks = now;
            _lastFrameTicks = now;
            _totalFrames++;
            s.Rate.Add(now, bytes);
            var wall = _clock.UtcNow;
            s.FirstSeen ??= wall;
            s.LastSeen = wall;
            s.EverActive = true;
            if (message is not null) s.LastMessage = message;
            if (s.State != ServerState.Streaming) SetState(s, ServerState.Streaming);
            return s.Frames;
        }
    }

    /// <summary>Records a goodbye. Returns false when the port is not in the list.</summary>
    public bool OnTerminate(int port)
    {
        lock (_gate)
        {
            if (!_servers.TryGetValue(port, out var s)) return false;
            s.DisconnectedTicks = 0;
            s.EverActive = true;
            if (s.State != ServerState.Terminated) SetState(s, ServerState.Terminated);
            return true;
        }
    }

    public void OnMalformed(int? port, MalformedKind kind)
    {
        lock (_gate)
        {
            _malformedByKind[(int)kind]++;
            if (port is { } known && _servers.TryGetValue(known, out var s)) s.Malformed++;
            else _malformedUnknown++;
        }
    }

    public void OnFiltered(int port)
    {
        lock (_gate)
        {
            _filteredOut++;
            if (_servers.TryGetValue(port, out var s))
            {
                s.FilteredOut++;
                s.EverActive = true;
                s.LastFrameTicks = Now;
            }
        }
    }

    public void OnDropped(int port)
    {
        lock (_gate)
        {
            if (_servers.TryGetValue(port, out var s)) s.Dropped++;
        }
    }

    /// <summary>Moves servers to stale and lost as time passes.</summary>
    public void Tick(long now)
    {
        lock (_gate)
        {
            foreach (var s in _servers.Values)
            {
                var open = _handshakes ? s.Peers : s.Connections;
                if (s.DisconnectedTicks != 0 && open == 0 && now - s.DisconnectedTicks >= _lostTicks && now >= s.ShedGraceUntilTicks)
                {
                    s.DisconnectedTicks = 0;
                    s.SuspectTicks = 0;
                    Leave(s);
                    continue;
                }
                // A connection closed while another stayed open, and no valid message came after it (frames read just
                // after the close may have been queued before it): the one that closed was the server's (a scanner's
                // idle connection does not keep a killed server Stale for ever).
                if (s.SuspectTicks != 0 && now - s.SuspectTicks >= _staleTicks + _lostTicks && now >= s.ShedGraceUntilTicks)
                {
                    if (s.LastFrameTicks - s.SuspectTicks < QueuedGrace)
                    {
                        s.SuspectTicks = 0;
                        Leave(s);
                        continue;
                    }
                    // The server spoke after that close; a later close (another scan, or the server's own) is judged next.
                    s.SuspectTicks = s.LastCloseTicks > s.SuspectTicks ? s.LastCloseTicks : 0;
                }
                if (s.State == ServerState.Streaming && now - s.LastFrameTicks >= _staleTicks) SetState(s, ServerState.Stale);
            }
        }
    }

    /// <summary>
    /// A server gone without a goodbye: Lost once it has sent a valid message; one that only connected (a handshake
    /// and nothing valid) is Waiting again, so it never counts as a server that came and went.
    /// </summary>
    private void Leave(ServerRecord s)
    {
        if (s.State is ServerState.Terminated or ServerState.Lost or ServerState.Waiting) return;
        SetState(s, s.EverActive ? ServerState.Lost : ServerState.Waiting);
    }

    /// <summary>Whether a server that said goodbye still has a connection open (as far as the transport reports connections).</summary>
    public bool AnyGoodbyeConnected()
    {
        lock (_gate)
        {
            foreach (var s in _servers.Values)
            {
                if (s.State == ServerState.Terminated && s.Connections > 0) return true;
            }
            return false;
        }
    }

    /// <summary>
    /// True when at least one server was active and every active one is now terminated or lost; with
    /// <paramref name="everyListed"/>, every server of the list must also have been active.
    /// </summary>
    public bool AllGone(bool everyListed)
    {
        lock (_gate)
        {
            var any = false;
            foreach (var s in _servers.Values)
            {
                if (!s.EverActive)
                {
                    if (everyListed) return false;
                    // A server on its way (handshaken, or with NetMQ a connection opened lately) has not come yet but
                    // keeps the client from ending; a connection that sent nothing valid for long is no server.
                    if (s.State == ServerState.Connected || (s.Connections > 0 && Now - s.LastAcceptTicks < ComingWindow)) return false;
                    continue;
                }
                any = true;
                // A goodbye is final even if the transport has not reported the close yet; a lost server has
                // no connection by definition (it would be Connected again otherwise). A port where, after it was
                // lost, only senders that failed to authenticate came is gone too: none of them is the server.
                if (s.State is not (ServerState.Terminated or ServerState.Lost or ServerState.AuthenticationFailed)) return false;
            }
            return any;
        }
    }

    /// <summary>The listed ports whose server was never active (sent no frame nor goodbye), in the list's order.</summary>
    public IReadOnlyList<int> NeverActivePorts()
    {
        lock (_gate) return _servers.Where(p => !p.Value.EverActive).Select(p => p.Key).ToList();
    }

    public bool AnyEverActive
    {
        get
        {
            lock (_gate) return _servers.Values.Any(s => s.EverActive);
        }
    }

    public void TakeEvents(List<ServerEventArgs> into)
    {
        lock (_gate)
        {
            into.AddRange(_events);
            _events.Clear();
        }
    }

    public IReadOnlyList<ServerInfo> Snapshot()
    {
        var now = Now;
        lock (_gate)
        {
            var list = new List<ServerInfo>(_servers.Count);
            foreach (var s in _servers.Values) list.Add(Info(s, now));
            return list;
        }
    }

    /// <summary>The snapshot of one server (without building every other one), or null when the port is not in the list.</summary>
    public ServerInfo? Snapshot(int port)
    {
        var now = Now;
        lock (_gate) return _servers.TryGetValue(port, out var s) ? Info(s, now) : null;
    }

    private static ServerInfo Info(ServerRecord s, long now)
    {
        var (fps, bps) = s.Rate.Rates(now);
        return new ServerInfo
        {
            Port = s.Port,
            State = s.State,
            Frames = s.Frames,
            Bytes = s.Bytes,
            FramesPerSecond = fps,
            BytesPerSecond = bps,
            Malformed = s.Malformed,
            Dropped = s.Dropped,
            FilteredOut = s.FilteredOut,
            Connections = s.Connections,
            FirstSeen = s.FirstSeen,
            LastSeen = s.LastSeen,
            LastMessage = s.LastMessage is null ? null : JsonDocument.Parse(s.LastMessage, NetGearMessageJson.DocumentOptions).RootElement,
            AuthenticationFailures = s.AuthenticationFailures,
            LastAuthenticationFailure = s.LastAuthenticationFailure,
        };
    }

    public ClientStatistics Statistics()
    {
        lock (_gate)
        {
            var byKind = new Dictionary<MalformedKind, long>();
            foreach (var kind in Enum.GetValues<MalformedKind>())
            {
                if (_malformedByKind[(int)kind] > 0) byKind[kind] = _malformedByKind[(int)kind];
            }
            return new ClientStatistics
            {
                TotalFrames = _totalFrames,
                FilteredOut = _filteredOut,
                Malformed = _malformedByKind.Sum(),
                MalformedUnknown = _malformedUnknown,
                MalformedByKind = byKind,
                RepliesHeld = Interlocked.Read(ref _repliesHeld),
                AuthenticationFailures = _authenticationFailures,
            };
        }
    }

    private void SetState(ServerRecord s, ServerState next)
    {
        var previous = s.State;
        s.State = next;
        _events.Add(new ServerEventArgs(s.Port, previous, next));
    }
}
