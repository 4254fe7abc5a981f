using System.Globalization;
using NetGearSharp.Transport.Zmtp;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Caps what one connection of a bound socket can make libzmq hold. libzmq hands a multipart message to the socket
/// only once its last part has arrived and has no limit on the message as a whole (ZMQ_MAXMSGSIZE caps each part),
/// so a peer sending part after part of a message it never ends (20 parts of 90 MB) fills the process's memory. This
/// follows, for each accepted connection, the bytes the kernel has received on it (<see cref="TcpConnection"/>) since
/// the socket last handed out a whole message from it. A legitimate peer cannot send more than the message in progress
/// plus the ones queued before it is read; past <c>limit</c> (plus <see cref="IdleAllowancePerSecond"/> for every second
/// without a message: heartbeats) the connection is shut down, which makes libzmq drop what it holds of it, and a
/// <see cref="TransportEventKind.MessageTooLarge"/> is handed out (its <see cref="TransportEventKind.Disconnected"/>
/// comes from libzmq). A message of many small parts holds far more than it sent (libzmq keeps 64 bytes per part, so
/// empty parts, 2 bytes each on the wire, hold 32 times what they sent): once the process's memory (<see cref="HeldMemory"/>:
/// the C heap) has grown by <see cref="HeldMemory.Slack"/> more than all the followed connections received since the last
/// message of one that has been in the middle of a message for <see cref="HeldMemory.AfterMs"/> or more, every
/// connection that long in a message is closed. Checked every <see cref="Interval"/> (<see cref="CloseInterval"/> while a
/// connection is past half of either limit), so a fast peer overshoots by what it sends in that time. A peer may open
/// many connections to one port, each holding less than the limit: the connections of one port may together hold
/// <see cref="MessageCap.PortLimitFactor"/> limits (a server and its own reconnection), past which the one longest without a
/// message is closed, then the next. Not thread-safe: the socket's thread only.
/// </summary>
internal sealed class UnreadBytesGuard
{
    /// <summary>How often the connections are looked at (one <c>getsockopt</c> each).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>How often while a connection is past half its limit: a fast peer then overshoots by less.</summary>
    public static readonly TimeSpan CloseInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Bytes a connection may add per second without a message (ZMTP heartbeats are a few dozen).</summary>
    public const long IdleAllowancePerSecond = 1024;

    /// <summary>How often the memory is sampled while no connection is in the middle of a message for a while.</summary>
    public const long SampleEveryMs = 200;

    private const long Mib = 1024 * 1024;

    private readonly long _limit;
    private readonly Func<long, long?> _bytesReceived;
    private readonly Func<long, bool> _shutDown;
    private readonly HeldMemory _held;
    /// <summary>Bytes received by all followed connections, counted at each look.</summary>
    private long _wireTotal;
    private readonly Dictionary<long, Watched> _connections = [];
    private readonly Queue<TransportEvent> _pending = new();
    private readonly List<long> _over = [];
    /// <summary>Connections found at this look in the middle of a message for a while (reused).</summary>
    private readonly List<Watched> _lingering = [];
    /// <summary>Connections a message was read from before their accepted event came.</summary>
    private readonly HashSet<long> _readBeforeAccepted = [];
    private const int MaxReadBeforeAccepted = 4096;
    /// <summary>Unread bytes of each port's connections at this look (reused).</summary>
    private readonly Dictionary<int, long> _portUnread = [];
    private long _nextCheck;
    /// <summary>The memory read at this look, if it was.</summary>
    private long? _memory;
    private bool _memoryRead;
    /// <summary>The memory and the bytes all connections had received at the last sample, taken before that look counted.</summary>
    private HeapSample _sample = new(null, 0, long.MinValue / 2);
    /// <summary>
    /// The sample before it: a connection first followed at the look that sampled may have grown before it (not when it
    /// is old: while no connection is followed nothing is sampled, and the heap's growth meanwhile is the application's).
    /// </summary>
    private HeapSample _priorSample;
    /// <summary>What connections closed for the memory's growth held, as far as it was seen freed.</summary>
    private long _freedByCuts;
    /// <summary>The memory when connections were last closed for its growth, until the next sample (taken at the next look).</summary>
    private long? _memoryAtCut;
    /// <summary>Whether the last look found a connection in the middle of a message for a while: then every look samples.</summary>
    private bool _inMessage;

    /// <param name="limit">Bytes a connection may send beyond the last message handed out.</param>
    /// <param name="bytesReceived">Reads a connection's received bytes (tests give their own).</param>
    /// <param name="shutDown">Shuts a connection down (tests give their own).</param>
    /// <param name="held">Reads the process's memory (tests give their own); by default the C heap where it can be read.</param>
    public UnreadBytesGuard(long limit, Func<long, long?>? bytesReceived = null, Func<long, bool>? shutDown = null, HeldMemory? held = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _limit = limit;
        _bytesReceived = bytesReceived ?? TcpConnection.BytesReceived;
        _shutDown = shutDown ?? TcpConnection.Shutdown;
        _held = held ?? HeldMemory.Best();
    }

    /// <summary>Connections being followed.</summary>
    public int Count => _connections.Count;

    /// <summary>
    /// Takes a monitor event into the accounts: an accepted connection is followed until it closes. Its bytes are counted
    /// from its first byte, unless a message from it was read before its accepted event came (the events lag behind
    /// the messages): then from the first look, since what it had sent may already be read.
    /// </summary>
    public void Observe(in TransportEvent ev)
    {
        if (ev.Connection < 0) return;
        if (ev.Kind == TransportEventKind.Accepted)
        {
            _connections[ev.Connection] = new Watched(ev.Connection, ev.Endpoint) { FromFirstByte = !_readBeforeAccepted.Remove(ev.Connection) };
        }
        else if (ev.Kind == TransportEventKind.Disconnected)
        {
            _connections.Remove(ev.Connection);
            _readBeforeAccepted.Remove(ev.Connection);
        }
    }

    /// <summary>Stops following a connection that was closed otherwise (its disconnected event comes later).</summary>
    public void Forget(long connection) => _connections.Remove(connection);

    /// <summary>The socket handed out the last part of a message that came from <paramref name="connection"/>.</summary>
    public void MessageRead(long connection)
    {
        if (_connections.TryGetValue(connection, out var watched)) watched.Messages++;
        else if (_readBeforeAccepted.Count < MaxReadBeforeAccepted) _readBeforeAccepted.Add(connection);
    }

    /// <summary>
    /// Looks at every connection if <see cref="Interval"/> has passed since the last look (<paramref name="nowMs"/> in
    /// milliseconds); shuts down the ones past the limit and queues their events.
    /// </summary>
    public void Check(long nowMs)
    {
        if (nowMs < _nextCheck) return;
        _nextCheck = nowMs + (long)Interval.TotalMilliseconds;
        if (_connections.Count == 0) return;
        var near = false;
        string? grown = null;
        _memoryRead = false;
        var sampled = _inMessage || _memoryAtCut is not null || nowMs - _sample.Ms >= SampleEveryMs;
        if (sampled) Sample(nowMs);
        _inMessage = false;
        foreach (var watched in _connections.Values) CountReceived(watched, _bytesReceived(watched.Connection));
        foreach (var watched in _connections.Values)
        {
            if (!watched.Open)
            {
                _over.Add(watched.Connection); // no longer an open TCP socket: its close is on the way
                continue;
            }
            var received = watched.LastReceived;
            if (!watched.HasReference && watched.FromFirstByte && watched.Messages == 0)
            {
                // A new connection none of whose messages was read yet: all it sent is unread (a peer can send a
                // whole unfinished message between two looks).
                watched.Reference = 0;
                watched.ReferenceMs = nowMs;
                watched.MessagesAtReference = 0;
                watched.Start = sampled && _priorSample.Memory is not null && nowMs - _priorSample.Ms <= 2 * SampleEveryMs ? _priorSample : _sample;
                watched.HasReference = true;
            }
            else if (!watched.HasReference || watched.Messages != watched.MessagesAtReference || watched.Reused)
            {
                watched.Reused = false;
                // A message was handed out since the last look (or the descriptor is a new connection's): start again here.
                watched.Reference = received;
                watched.ReferenceMs = nowMs;
                watched.MessagesAtReference = watched.Messages;
                watched.Start = _sample;
                watched.HasReference = true;
                continue;
            }
            var unread = received - watched.Reference;
            var heartbeats = (nowMs - watched.ReferenceMs) / 1000 * IdleAllowancePerSecond;
            near |= unread > _limit / 2;
            if (unread > _limit + heartbeats)
            {
                Cut(watched, string.Create(CultureInfo.InvariantCulture,
                    $"a connection sent {unread / Mib} MiB without completing a message (the limit is {_limit / Mib} MiB); it was closed"));
            }
            else if (unread > heartbeats && nowMs - watched.ReferenceMs >= _held.AfterMs)
            {
                // In the middle of a message for a while: has the memory grown far more than the connections received
                // since its last message (or since it was first followed)?
                _inMessage = true;
                _lingering.Add(watched);
                if (Memory() is { } now && watched.Start.Memory is { } before)
                {
                    var wire = _wireTotal - watched.Start.Wire;
                    var excess = now - before - wire;
                    near |= excess > _held.Slack / 2;
                    if (excess > _held.Slack && grown is null)
                    {
                        grown = string.Create(CultureInfo.InvariantCulture,
                            $"{_held.What} grew by {(now - before) / Mib} MiB while its connections received {wire / Mib} MiB");
                    }
                }
            }
        }
        if (grown is not null)
        {
            // Which of them holds the growth cannot be told, and counting from a later start misses what the earlier
            // ones held: close every connection that has been in the middle of a message for a while.
            foreach (var watched in _lingering)
            {
                Cut(watched, string.Create(CultureInfo.InvariantCulture,
                    $"{grown}, and this one sent {(watched.LastReceived - watched.Reference) / Mib} MiB of a message it did not complete in {nowMs - watched.ReferenceMs} ms (many small parts?); it was closed"));
            }
            _memoryAtCut = Memory();
        }
        _lingering.Clear();
        CapPorts(nowMs);
        foreach (var connection in _over) _connections.Remove(connection);
        _over.Clear();
        if (near) _nextCheck = nowMs + (long)CloseInterval.TotalMilliseconds;
    }

    /// <summary>
    /// Takes the memory and the bytes received so far as the start against which connections whose message begins at
    /// this look are measured. Not at every look: reading the C heap's figures costs about 0.1 ms, and a sample up to
    /// <see cref="SampleEveryMs"/> old only counts a little more of the growth, which the bytes received since balance.
    /// </summary>
    private void Sample(long nowMs)
    {
        if (_memoryAtCut is { } atCut && Memory() is { } after && after < atCut)
        {
            // What the connections closed at the last look held is freed by now: count it as still held, or
            // the other connections' growth since their start would seem smaller by as much.
            _freedByCuts += atCut - after;
        }
        _memoryAtCut = null;
        _priorSample = _sample;
        _sample = new HeapSample(Memory(), _wireTotal, nowMs);
    }

    /// <summary>
    /// The process's memory at this look (read at most once per look), with what connections closed for the memory's
    /// growth held added back.
    /// </summary>
    private long? Memory()
    {
        if (!_memoryRead)
        {
            _memoryRead = true;
            _memory = _held.Read();
        }
        return _memory + _freedByCuts;
    }

    /// <summary>
    /// Closes, on each port whose connections hold more than <see cref="MessageCap.PortLimitFactor"/> limits of unfinished messages
    /// together, the connections longest without a message until they hold less.
    /// </summary>
    private void CapPorts(long nowMs)
    {
        _portUnread.Clear();
        var over = false;
        foreach (var watched in _connections.Values)
        {
            if (Unread(watched, nowMs) is not { } unread || unread <= 0 || watched.Port is not { } port) continue;
            var total = _portUnread.GetValueOrDefault(port) + unread;
            _portUnread[port] = total;
            over |= total > MessageCap.PortLimitFactor * _limit;
        }
        if (!over) return;
        foreach (var (port, unread) in _portUnread)
        {
            var total = unread;
            while (total > MessageCap.PortLimitFactor * _limit && Stalest(port, nowMs) is { } stalest)
            {
                var held = Unread(stalest, nowMs)!.Value;
                Cut(stalest, string.Create(CultureInfo.InvariantCulture,
                    $"the connections of one port held {total / Mib} MiB of messages they never completed (the limit is {MessageCap.PortLimitFactor * _limit / Mib} MiB together); the one longest without a message ({held / Mib} MiB) was closed"));
                total -= held;
            }
        }
    }

    /// <summary>
    /// What a connection sent since its last whole message, less what heartbeats may add meanwhile; null if it is closing
    /// or not yet counted.
    /// </summary>
    private long? Unread(Watched watched, long nowMs)
        => watched.Open && watched.HasReference && !_over.Contains(watched.Connection)
            ? watched.LastReceived - watched.Reference - (nowMs - watched.ReferenceMs) / 1000 * IdleAllowancePerSecond
            : null;

    /// <summary>The connection of <paramref name="port"/> with unread bytes that has gone longest without a message.</summary>
    private Watched? Stalest(int port, long nowMs)
    {
        Watched? stalest = null;
        foreach (var watched in _connections.Values)
        {
            if (Unread(watched, nowMs) is not > 0 || watched.Port != port) continue;
            if (stalest is null || watched.ReferenceMs < stalest.ReferenceMs) stalest = watched;
        }
        return stalest;
    }

    /// <summary>Adds what a connection received since the last look to the total of all connections.</summary>
    private void CountReceived(Watched watched, long? received)
    {
        watched.Open = received is not null;
        if (received is not { } bytes) return;
        // From 0 at the first look: a new connection's bytes so far are new too. Lower: a new connection on the descriptor.
        var last = watched.LastReceived;
        _wireTotal += bytes >= last ? bytes - last : bytes;
        if (bytes < last) watched.Reused = true;
        watched.LastReceived = bytes;
    }

    private void Cut(Watched watched, string detail)
    {
        _over.Add(watched.Connection);
        if (_shutDown(watched.Connection))
            _pending.Enqueue(new TransportEvent(TransportEventKind.MessageTooLarge, watched.Endpoint, watched.Connection, detail));
    }

    /// <summary>The next queued <see cref="TransportEventKind.MessageTooLarge"/>, if any.</summary>
    public bool TryTakeEvent(out TransportEvent ev) => _pending.TryDequeue(out ev);

    /// <summary>
    /// The memory (with what closed connections freed added back) and the bytes all connections had received, when (ms).
    /// </summary>
    private readonly record struct HeapSample(long? Memory, long Wire, long Ms);

    private sealed class Watched(long connection, string endpoint)
    {
        public long Connection { get; } = connection;
        public string Endpoint { get; } = endpoint;
        /// <summary>The port of <see cref="Endpoint"/>, read once.</summary>
        public int? Port { get; } = Endpoints.PortOf(endpoint);
        /// <summary>Whether the last look found an open TCP socket.</summary>
        public bool Open { get; set; }
        /// <summary>The received bytes at the last look (0 before the first).</summary>
        public long LastReceived { get; set; }
        /// <summary>The sample before its reference (its last message, or when it was first followed).</summary>
        public HeapSample Start { get; set; }
        public long Messages { get; set; }
        public long MessagesAtReference { get; set; }
        public long Reference { get; set; }
        public long ReferenceMs { get; set; }
        public bool HasReference { get; set; }
        /// <summary>Whether the count went down since the last look: the descriptor is a new connection's (its accepted event is on the way).</summary>
        public bool Reused { get; set; }
        /// <summary>Whether its bytes are counted from its first one (no message of it was read before it was followed).</summary>
        public bool FromFirstByte { get; init; }
    }
}
