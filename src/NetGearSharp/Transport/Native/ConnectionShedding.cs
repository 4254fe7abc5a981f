namespace NetGearSharp.Transport.Native;

/// <summary>
/// Keeps a flood of TCP connections from taking the process's last file descriptors. libzmq accepts every connection
/// to a bound endpoint while it can and has no limit of its own; when the descriptors run out, the .NET runtime cannot
/// open the files it needs (to start a thread, to read its memory limits) and ends the process with "Out of memory.".
/// This follows the accepted and closed connections of each bound port (from the socket's monitor events, which name a
/// connection by its local address: <c>tcp://127.0.0.1:5566</c> for a listener on <c>tcp://0.0.0.0:5566</c>) and,
/// when fewer than <see cref="DescriptorBudget.Reserve"/> descriptors are left, names the port holding the most
/// connections to be shed: the socket unbinds its endpoint and binds it again, which closes all its connections (libzmq's
/// listener owns them); its real server reconnects. libzmq reports no close for connections closed that way, so this
/// hands out a <see cref="TransportEventKind.Disconnected"/> for each (and drops a late close of the same descriptor),
/// and one <see cref="TransportEventKind.ConnectionsShed"/>. Not thread-safe: the socket's thread only.
/// </summary>
internal sealed class ConnectionShedding
{
    /// <summary>The most accepts between two counts of the free descriptors, however far the limit.</summary>
    private const int MaxAcceptsBetweenChecks = 64;
    /// <summary>A port with fewer connections is not worth shedding: the descriptors went elsewhere.</summary>
    private const int MinimumToShed = 8;

    private readonly long _softLimit;
    private readonly long _reserve;
    private readonly Func<long, long> _free;
    private readonly Dictionary<int, HashSet<long>> _open = [];
    /// <summary>Descriptors of shed connections, already reported closed: a late close of them is dropped.</summary>
    private readonly HashSet<long> _reportedClosed = [];
    private readonly Queue<TransportEvent> _pending = new();
    /// <summary>
    /// Accepts until the free descriptors are counted again (counting lists /proc/self/fd, and doing it every few accepts
    /// while hundreds of servers connect at once held back the receive loop enough to double the client's peak memory).
    /// </summary>
    private long _acceptsUntilCheck;

    /// <summary>Creates the guard for a process allowed <paramref name="softLimit"/> descriptors.</summary>
    /// <param name="softLimit">The soft descriptor limit.</param>
    /// <param name="free">Counts the free descriptors under a limit (tests give their own).</param>
    public ConnectionShedding(long softLimit, Func<long, long>? free = null)
    {
        _softLimit = softLimit;
        _reserve = DescriptorBudget.Reserve(softLimit);
        _free = free ?? DescriptorBudget.Free;
    }

    /// <summary>The guard for this process, or null where the limit cannot be read (it is then never short).</summary>
    public static ConnectionShedding? ForThisProcess() => DescriptorBudget.SoftLimit() is { } limit ? new ConnectionShedding(limit) : null;

    /// <summary>Open connections of <paramref name="port"/> as seen from the events.</summary>
    public int OpenOn(int port) => _open.TryGetValue(port, out var set) ? set.Count : 0;

    /// <summary>
    /// Takes a monitor event into the accounts. False when the event must not be handed on: the close of a
    /// connection that was already reported closed when its endpoint was shed.
    /// </summary>
    public bool Observe(in TransportEvent ev)
    {
        if (ev.Connection < 0 || Endpoints.PortOf(ev.Endpoint) is not { } port) return true;
        switch (ev.Kind)
        {
            case TransportEventKind.Accepted:
                _reportedClosed.Remove(ev.Connection); // the descriptor's number is in use again
                if (!_open.TryGetValue(port, out var set)) _open[port] = set = [];
                set.Add(ev.Connection);
                _acceptsUntilCheck--;
                return true;
            case TransportEventKind.Disconnected:
                if (_reportedClosed.Remove(ev.Connection)) return false;
                if (_open.TryGetValue(port, out var open)) open.Remove(ev.Connection);
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// After <see cref="Observe"/>: the port to shed now, or null. Counts the free descriptors only once a quarter of
    /// those above the reserve at the last count could have been taken by accepts since (every accept when the reserve
    /// is near), and at least every <see cref="MaxAcceptsBetweenChecks"/> accepts (descriptors taken by anything else are
    /// seen then); sheds when fewer than the reserve are left and one port holds enough connections to make a difference.
    /// </summary>
    public int? PortToShed()
    {
        if (_acceptsUntilCheck > 0) return null;
        var free = _free(_softLimit);
        _acceptsUntilCheck = Math.Clamp((free - _reserve) / 4, 1, MaxAcceptsBetweenChecks);
        if (free >= _reserve) return null;
        int? fullest = null;
        var most = MinimumToShed - 1;
        foreach (var (port, set) in _open)
        {
            if (set.Count <= most) continue;
            most = set.Count;
            fullest = port;
        }
        return fullest;
    }

    /// <summary>
    /// Queues the events of shedding <paramref name="port"/>, bound as <paramref name="endpoint"/> (call once the
    /// socket has unbound it).
    /// </summary>
    public void Shed(int port, string endpoint)
    {
        if (!_open.Remove(port, out var set)) return;
        _pending.Enqueue(new TransportEvent(TransportEventKind.ConnectionsShed, endpoint, -1,
            $"{set.Count} connections closed: the process had fewer than {_reserve} of its {_softLimit} file descriptors left"));
        foreach (var connection in set)
        {
            _reportedClosed.Add(connection);
            _pending.Enqueue(new TransportEvent(TransportEventKind.Disconnected, endpoint, connection));
        }
    }

    /// <summary>
    /// Whether at least the reserve of descriptors is free (counted now): libzmq asserts, ending the process, when a bind
    /// cannot open the descriptor it needs to look up the address (getifaddrs), so a shed endpoint is bound again only then.
    /// </summary>
    public bool HasRoom() => _free(_softLimit) >= _reserve;

    /// <summary>Keeps an event read while shedding, to be handed out in order.</summary>
    public void Hold(in TransportEvent ev) => _pending.Enqueue(ev);

    /// <summary>The next queued event (held or made by <see cref="Shed"/>), if any.</summary>
    public bool TryTakePending(out TransportEvent ev) => _pending.TryDequeue(out ev);
}
