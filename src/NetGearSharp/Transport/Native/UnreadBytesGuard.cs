using System.Globalization;

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
/// comes from libzmq). Checked every <see cref="Interval"/>, so a fast peer overshoots by what it sends in that time.
/// Not thread-safe: the socket's thread only.
/// </summary>
internal sealed class UnreadBytesGuard
{
    /// <summary>How often the connections are looked at (one <c>getsockopt</c> each).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Bytes a connection may add per second without a message (ZMTP heartbeats are a few dozen).</summary>
    public const long IdleAllowancePerSecond = 1024;

    private readonly long _limit;
    private readonly Func<long, long?> _bytesReceived;
    private readonly Func<long, bool> _shutDown;
    private readonly Dictionary<long, Watched> _connections = [];
    private readonly Queue<TransportEvent> _pending = new();
    private readonly List<long> _over = [];
    private long _nextCheck;

    /// <param name="limit">Bytes a connection may send beyond the last message handed out.</param>
    /// <param name="bytesReceived">Reads a connection's received bytes (tests give their own).</param>
    /// <param name="shutDown">Shuts a connection down (tests give their own).</param>
    public UnreadBytesGuard(long limit, Func<long, long?>? bytesReceived = null, Func<long, bool>? shutDown = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _limit = limit;
        _bytesReceived = bytesReceived ?? TcpConnection.BytesReceived;
        _shutDown = shutDown ?? TcpConnection.Shutdown;
    }

    /// <summary>Connections being followed.</summary>
    public int Count => _connections.Count;

    /// <summary>Takes a monitor event into the accounts: an accepted connection is followed until it closes.</summary>
    public void Observe(in TransportEvent ev)
    {
        if (ev.Connection < 0) return;
        if (ev.Kind == TransportEventKind.Accepted) _connections[ev.Connection] = new Watched(ev.Endpoint);
        else if (ev.Kind == TransportEventKind.Disconnected) _connections.Remove(ev.Connection);
    }

    /// <summary>The socket handed out the last part of a message that came from <paramref name="connection"/>.</summary>
    public void MessageRead(long connection)
    {
        if (_connections.TryGetValue(connection, out var watched)) watched.Messages++;
    }

    /// <summary>
    /// Looks at every connection if <see cref="Interval"/> has passed since the last look (<paramref name="nowMs"/> in
    /// milliseconds); shuts down the ones past the limit and queues their events.
    /// </summary>
    public void Check(long nowMs)
    {
        if (nowMs < _nextCheck) return;
        _nextCheck = nowMs + (long)Interval.TotalMilliseconds;
        foreach (var (connection, watched) in _connections)
        {
            if (_bytesReceived(connection) is not { } received)
            {
                _over.Add(connection); // no longer an open TCP socket: its close is on the way
                continue;
            }
            if (!watched.HasReference || watched.Messages != watched.MessagesAtReference || received < watched.Reference)
            {
                // A message was handed out since the last look (or the descriptor is a new connection's): start again here.
                watched.Reference = received;
                watched.ReferenceMs = nowMs;
                watched.MessagesAtReference = watched.Messages;
                watched.HasReference = true;
                continue;
            }
            var unread = received - watched.Reference;
            var allowed = _limit + (nowMs - watched.ReferenceMs) / 1000 * IdleAllowancePerSecond;
            if (unread <= allowed) continue;
            _over.Add(connection);
            if (_shutDown(connection))
            {
                _pending.Enqueue(new TransportEvent(TransportEventKind.MessageTooLarge, watched.Endpoint, connection, string.Create(CultureInfo.InvariantCulture,
                    $"a connection sent {unread / (1024 * 1024)} MiB without completing a message (the limit is {_limit / (1024 * 1024)} MiB); it was closed")));
            }
        }
        foreach (var connection in _over) _connections.Remove(connection);
        _over.Clear();
    }

    /// <summary>The next queued <see cref="TransportEventKind.MessageTooLarge"/>, if any.</summary>
    public bool TryTakeEvent(out TransportEvent ev) => _pending.TryDequeue(out ev);

    private sealed class Watched(string endpoint)
    {
        public string Endpoint { get; } = endpoint;
        public long Messages { get; set; }
        public long MessagesAtReference { get; set; }
        public long Reference { get; set; }
        public long ReferenceMs { get; set; }
        public bool HasReference { get; set; }
    }
}
