namespace NetGearSharp.Client;

/// <summary>
/// Request/Reply flow control: at most <c>limit</c> servers are answered ahead of the client reading their next frame.
/// A REQ server sends its next frame the moment it gets its reply, and libzmq reads the whole frame into the client's
/// memory as it arrives; with hundreds of servers and a busy client, every server would have a frame waiting there
/// (256 raw VGA frames = 236 MB). Past the limit a reply waits in a FIFO until a granted server's frame arrives, or
/// until the client has read everything that arrived (then nothing is in flight that it is not already reading, and
/// every held reply goes out). With fewer servers than the limit nothing ever waits.
/// </summary>
internal sealed class ReplyWindow
{
    private readonly int _limit;
    private readonly HashSet<string> _granted = [];
    private readonly Queue<(string Port, Envelope Envelope)> _held = new();

    /// <param name="limit">The most servers answered ahead at once; 0 for no limit.</param>
    public ReplyWindow(int limit) => _limit = limit;

    /// <summary>How many replies are waiting for room.</summary>
    public int HeldCount => _held.Count;

    /// <summary>A message from <paramref name="port"/> arrived (or the server left): its grant is used up.</summary>
    public void Arrived(string port)
    {
        if (_limit > 0) _granted.Remove(port);
    }

    /// <summary>Whether <paramref name="port"/> may be answered now; if so, it counts as granted until its next message.</summary>
    public bool TryGrant(string port)
    {
        if (_limit == 0) return true;
        if (_granted.Contains(port)) return true;
        if (_granted.Count >= _limit || _held.Count > 0) return false;
        _granted.Add(port);
        return true;
    }

    /// <summary>Keeps a reply that may not go out yet (first come, first answered).</summary>
    public void Hold(string port, Envelope envelope) => _held.Enqueue((port, envelope));

    /// <summary>Takes the oldest held reply if there is room for it now.</summary>
    public bool TryRelease(out string port, out Envelope envelope)
    {
        if (_held.Count == 0 || _granted.Count >= _limit)
        {
            port = "";
            envelope = null!;
            return false;
        }
        (port, envelope) = _held.Dequeue();
        _granted.Add(port);
        return true;
    }

    /// <summary>The client has read everything that had arrived: forget the grants (their frames are not waiting in memory).</summary>
    public void Drained() => _granted.Clear();
}
