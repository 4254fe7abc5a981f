using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// <see cref="SocketSpec.BacklogBufferBytes"/> for libzmq (Linux): a connection keeps the kernel's own, auto-tuned
/// buffers (a frame crosses in a few large steps: low latency) until a backlog builds on it, then its buffer is cut
/// to the small size (frames then wait in the sender, which sends the newest, instead of in the kernel).
/// <list type="bullet">
/// <item>Sending (a publisher that waits for room): three sends that found its queue full, less than a second apart
/// (<see cref="SendFoundFull"/>), and every connection's send buffer is cut (with several clients, the fast ones'
/// too). The connections' descriptors come from a monitor of the socket.</item>
/// <item>Receiving: after each whole message, the bytes still waiting in the kernel on its connection
/// (<c>FIONREAD</c>); more than two such messages, eight messages in a row from that connection, and its receive
/// buffer is cut. A reader that keeps up (raw frames dropped for newer ones) sees a passing backlog only.</item>
/// </list>
/// A cut lasts as long as the connection. The sending side's monitor also keeps the failed security handshakes (another
/// secure mode, a key refused: <see cref="TransportEventKind.AuthenticationFailed"/>), which the socket hands out as its
/// events (it has no other monitor). Not thread-safe: the socket's own thread only.
/// </summary>
internal sealed class BacklogBuffers : IDisposable
{
    /// <summary>
    /// Sends that found the queue full, each within <see cref="FullSendsWindowMs"/> of the one before, before the send
    /// buffers are cut. Not "in a row": a publisher that waited for room often finds room at its next send, while the
    /// frames behind it still fill the kernel's buffer.
    /// </summary>
    internal const int FullSendsToCut = 3;
    /// <summary>A full send more than this long after the one before starts the count again.</summary>
    internal const int FullSendsWindowMs = 1000;
    /// <summary>Messages in a row that left more than <see cref="BacklogMessages"/> of their size waiting before a receive buffer is cut.</summary>
    internal const int BackloggedReadsToCut = 8;
    /// <summary>A backlog: more than this many messages of the size just read wait in the kernel.</summary>
    internal const int BacklogMessages = 2;

    private readonly int _bytes;
    /// <summary>The sending side's connections, from the socket's connection events; null on the receiving side.</summary>
    private readonly NativeMonitor? _monitor;
    private readonly HashSet<long> _connections = [];
    private readonly HashSet<long> _cut = [];
    /// <summary>Receiving side: per connection, the messages in a row that left a backlog.</summary>
    private readonly Dictionary<long, int> _streaks = [];
    private int _fullSends;
    private long _lastFullAt;
    /// <summary>When the monitor's events were last taken (<see cref="Environment.TickCount64"/>).</summary>
    private long _followedAt;
    /// <summary>How often, at most, a sender takes its monitor's events while nothing is cut.</summary>
    private const int FollowEveryMs = 100;
    /// <summary>The sender's failed security handshakes not taken yet (<see cref="TryTakeFailure"/>), at most <see cref="MaxFailures"/>.</summary>
    private readonly Queue<TransportEvent> _failures = new();
    private const int MaxFailures = 16;
    /// <summary>The monitor events of a sender: its connections, and its failed handshakes.</summary>
    private const int SenderEvents = ZmqNative.EventConnected | ZmqNative.EventDisconnected
        | ZmqNative.EventHandshakeFailedNoDetail | ZmqNative.EventHandshakeFailedProtocol | ZmqNative.EventHandshakeFailedAuth;

    private BacklogBuffers(int bytes, NativeMonitor? monitor)
    {
        _bytes = bytes;
        _monitor = monitor;
    }

    /// <summary>Whether this system lets connections' buffers be cut (Linux).</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>
    /// What a socket of <paramref name="spec"/> needs: null without <see cref="SocketSpec.BacklogBufferBytes"/>, where
    /// buffers are fixed (<see cref="SocketSpec.SendBufferBytes"/> and <see cref="SocketSpec.ReceiveBufferBytes"/>) or
    /// the system cannot cut them (then <see cref="NativeOptions"/> fixes them at the cut size). A publisher that waits
    /// for room follows its connections through a monitor of its own (not when it has one already: libzmq allows one);
    /// any other socket watches what it receives.
    /// </summary>
    public static BacklogBuffers? For(SocketSpec spec, IntPtr context, IntPtr socket)
    {
        if (spec.BacklogBufferBytes is not { } bytes || !Supported) return null;
        if (NativeOptions.WaitsInSend(spec))
            // One monitor per libzmq socket: a publisher that reports its connections already (Monitor) is not cut.
            return spec.SendBufferBytes is null && !spec.Monitor
                ? new BacklogBuffers(bytes, new NativeMonitor(context, socket, secure: spec.Curve is not null, events: SenderEvents, connecting: true))
                : null;
        return spec.Kind != SocketKind.Pub && spec.ReceiveBufferBytes is null ? new BacklogBuffers(bytes, monitor: null) : null;
    }

    /// <summary>Cuts made so far (connections, both sides).</summary>
    public int Cuts { get; private set; }

    /// <summary>A sender's connections whose send buffer is cut.</summary>
    public IReadOnlyCollection<long> CutConnections => _cut;

    /// <summary>A send found the queue full (true) or found room (false).</summary>
    public void SendFoundFull(bool full)
    {
        // The events are taken now and then even without a backlog, so that they never pile up.
        var now = Environment.TickCount64;
        if (now - _followedAt >= FollowEveryMs) Follow(now);
        if (!full) return;
        if (now - _lastFullAt > FullSendsWindowMs) _fullSends = 0;
        _lastFullAt = now;
        if (++_fullSends < FullSendsToCut) return;
        Follow(now);
        foreach (var connection in _connections)
        {
            if (_cut.Add(connection)) Cut(connection, send: true);
        }
    }

    /// <summary>A whole message of <paramref name="bytes"/> was read from <paramref name="connection"/> (-1: unknown).</summary>
    public void MessageRead(long connection, long bytes)
    {
        if (bytes <= 0 || TcpConnection.UnreadBytes(connection) is not { } waiting) return;
        ref var streak = ref CollectionsMarshal.GetValueRefOrAddDefault(_streaks, connection, out _);
        streak = waiting > BacklogMessages * bytes ? streak + 1 : 0;
        if (streak == BackloggedReadsToCut) Cut(connection, send: false);
    }

    /// <summary>
    /// Takes a failed security handshake of the sender's connections (its monitor's events are taken at most every
    /// <see cref="FollowEveryMs"/>); false when there is none.
    /// </summary>
    public bool TryTakeFailure(out TransportEvent failure)
    {
        var now = Environment.TickCount64;
        if (_monitor is not null && now - _followedAt >= FollowEveryMs) Follow(now);
        return _failures.TryDequeue(out failure);
    }

    /// <summary>The connection closed: its descriptor may name another one next.</summary>
    public void Forget(long connection)
    {
        _streaks.Remove(connection);
        _connections.Remove(connection);
        _cut.Remove(connection);
    }

    /// <summary>Takes the monitor's events: connections made and closed, failed security handshakes.</summary>
    private void Follow(long now)
    {
        _followedAt = now;
        while (_monitor is not null && _monitor.TryGetEvent(out var e))
        {
            if (e.Kind == TransportEventKind.AuthenticationFailed)
            {
                if (_failures.Count < MaxFailures) _failures.Enqueue(e);
                continue;
            }
            if (e.Connection < 0) continue;
            if (e.Kind == TransportEventKind.Connected) _connections.Add(e.Connection);
            else if (e.Kind == TransportEventKind.Disconnected) Forget(e.Connection);
        }
    }

    private void Cut(long connection, bool send)
    {
        if (TcpConnection.SetBufferBytes(connection, send, _bytes)) Cuts++;
    }

    /// <summary>Stops the monitor (before the socket closes).</summary>
    public void Dispose() => _monitor?.Dispose();
}
