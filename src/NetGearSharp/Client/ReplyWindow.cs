namespace NetGearSharp.Client;

/// <summary>
/// Request/Reply flow control. A REQ server sends its next frame the moment it is answered, and libzmq reads every
/// arriving frame into the client's memory, allocating the whole frame as soon as its first bytes arrive; with
/// hundreds of servers and a busy client, every server would have a frame there (256 raw VGA frames = 236 MB), all
/// arriving at once and each slowly. The window answers servers while the frames they are expected to send next
/// (the size of their last one) fit a byte budget; past it, answers wait first come, first answered until a granted
/// frame arrives. Servers that go quiet after their answer (paced cameras) must not hold the others up, so grants
/// also lapse: each one at <c>maxAge</c>, and, when the receive loop has found the socket empty with nothing arrived
/// for <c>idleGap</c>, those of servers that are not streaming: a server whose last granted frame came within
/// <c>idleGap</c> of its answer is streaming, and silence means it is busy (its process starved of CPU, its frame
/// still on its way), not quiet: lapsing those grants too would let the next servers send while the late frames are
/// still coming, again and again (latency and memory spikes under load). A fixed per-grant timeout alone would not do
/// either: under load an eager server's frame can take longer than any small timeout to arrive.
/// Frames that arrived but wait for the application (<see cref="IUndeliveredFrames"/>) count against the same budget:
/// when the consumer falls behind for a moment (a busy machine, a pause), answers wait for it instead of every
/// server's next frame piling up in the queue.
/// Up to <see cref="MinGrants"/> grants and undelivered frames together are always allowed whatever their size, so a
/// few servers with large frames (a handful of raw 1080p cameras) are never held back, and a frame larger than the
/// whole budget still flows; small enough that the budget bounds small fleets of raw frames too. The measurements
/// behind these rules are in docs/performance.md.
/// The window is also the client's one place where replies wait: a server whose own queue is full (the application
/// reads slowly; <c>roomFor</c> says so) waits here too, without holding up servers that have room, and once its queue
/// has room it is answered in its turn as the budget allows. So does a JPEG server on this machine while its encode
/// would crowd the processors the client decodes on (<see cref="LocalCodecWork"/>): it waits for codec room, without
/// holding up the others either.
/// </summary>
internal sealed class ReplyWindow
{
    /// <summary>Grants (with undelivered frames) always allowed, whatever the bytes.</summary>
    public const int MinGrants = 4;

    private readonly long _budget;
    private readonly long _idleGapTicks;
    private readonly long _maxAgeTicks;
    private readonly IUndeliveredFrames? _undelivered;
    private long _lastArrivalTicks;
    private long _lastEmptyTicks;
    /// <summary>Per server, how long its last granted frame took to arrive after the answer.</summary>
    private readonly Dictionary<int, long> _delays = new();
    /// <summary>Per granted server: when, the bytes expected, and whether it counts as local codec work.</summary>
    private readonly Dictionary<int, (long Ticks, long Bytes, bool Codec)> _granted = new();
    private readonly Queue<(int Port, long Ticks)> _grantOrder = new();
    /// <summary>Replies waiting, in arrival order.</summary>
    private readonly List<(int Port, long Bytes, Envelope Envelope)> _held = [];
    private readonly Func<int, bool> _roomFor;
    private readonly LocalCodecWork? _codec;
    private long _grantedBytes;
    /// <summary>Granted servers that count as local codec work.</summary>
    private int _codecGrants;

    /// <param name="budgetBytes">The most bytes of expected and undelivered frames at once; 0 for no limit.</param>
    /// <param name="idleGap">With no message arriving for this long (and the socket found empty), the grants of servers that are not streaming lapse.</param>
    /// <param name="maxAge">How long one grant counts at most if its frame does not arrive.</param>
    /// <param name="undelivered">Frames received but not yet taken by the application, counted against the budget; null: none.</param>
    /// <param name="roomFor">Whether a server has room for another frame (its queue is not full); null: always.</param>
    /// <param name="codec">JPEG servers on this machine: answered only while codec work has room; null: no such rule (nor with a budget of 0).</param>
    public ReplyWindow(long budgetBytes, TimeSpan idleGap, TimeSpan maxAge, IUndeliveredFrames? undelivered = null, Func<int, bool>? roomFor = null,
        LocalCodecWork? codec = null)
    {
        // Without flow control (no budget) nothing is granted, so nothing counts or waits as codec work.
        _codec = budgetBytes > 0 ? codec : null;
        _roomFor = roomFor ?? (_ => true);
        _budget = budgetBytes;
        _idleGapTicks = idleGap.Ticks;
        _maxAgeTicks = maxAge.Ticks;
        _undelivered = undelivered;
    }

    /// <summary>Whether there is a budget at all (0 means no limit: nothing is granted, and replies wait only for queue room).</summary>
    public bool Limits => _budget > 0;

    /// <summary>How many replies are waiting for room.</summary>
    public int HeldCount => _held.Count;

    /// <summary>
    /// Whether a held reply waits for something other than codec room (its server's queue, the budget): those are
    /// released as the application takes frames and grants lapse, which nothing announces. A reply whose server has
    /// room and that waits only for codec room goes when a decode ends or a frame arrives, and both wake the receive loop.
    /// </summary>
    public bool HoldsBeyondCodec()
    {
        foreach (var (port, _, _) in _held)
        {
            if (!_roomFor(port) || !WaitsForCodec(port)) return true;
        }
        return false;
    }

    /// <summary>Bytes of expected frames currently granted.</summary>
    public long GrantedBytes => _grantedBytes;

    /// <summary>Granted servers whose answer started codec work on this machine (<see cref="LocalCodecWork"/>).</summary>
    public int CodecGrants => _codecGrants;

    /// <summary>A message from <paramref name="port"/> arrived at <paramref name="now"/>: its grant is used up.</summary>
    /// <returns>Whether it was asked for: false for a frame from a server without a grant (its first since it
    /// connected, or one whose grant had lapsed).</returns>
    public bool Arrived(int port, long now)
    {
        _lastArrivalTicks = now;
        if (!_granted.TryGetValue(port, out var grant)) return false;
        _delays[port] = now - grant.Ticks;
        Revoke(port, ticks: null);
        return true;
    }

    /// <summary>The receive loop looked for a message at <paramref name="now"/> and found none waiting.</summary>
    public void SawNothing(long now) => _lastEmptyTicks = now;

    /// <summary>The server left (disconnected or said goodbye): its grant ends.</summary>
    public void Left(int port)
    {
        _delays.Remove(port);
        Revoke(port, ticks: null);
    }

    /// <summary>
    /// Whether <paramref name="port"/>, whose next frame is expected to be <paramref name="bytes"/> long, may be answered
    /// now (it has room, nobody with room is waiting and it fits); if so, it counts as granted until its next message
    /// or the expiry.
    /// </summary>
    public bool TryGrant(int port, long bytes, long now)
    {
        if (!_roomFor(port)) return false;
        if (_budget == 0) return true;
        Expire(now);
        if (AnyWaitingForBudget() || WaitsForCodec(port) || !Fits(bytes)) return false;
        Grant(port, bytes, now);
        return true;
    }

    /// <summary>Keeps a reply that may not go out yet (<see cref="TryGrant"/> said no).</summary>
    public void Hold(int port, long bytes, Envelope envelope) => _held.Add((port, bytes, envelope));

    /// <summary>
    /// Takes the oldest held reply whose server has room, if the budget allows it now; its server counts as granted.
    /// Servers without room, or waiting for codec room, are passed over (they do not hold the others up).
    /// </summary>
    public bool TryRelease(long now, out Envelope envelope)
    {
        envelope = null!;
        if (_held.Count == 0) return false;
        if (_budget > 0) Expire(now);
        for (var i = 0; i < _held.Count; i++)
        {
            var (port, bytes, held) = _held[i];
            if (!_roomFor(port) || WaitsForCodec(port)) continue;
            if (_budget > 0 && !Fits(bytes)) return false; // first come, first answered
            _held.RemoveAt(i);
            if (_budget > 0) Grant(port, bytes, now);
            envelope = held;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Whether the frame of <paramref name="port"/> that just arrived is best decoded on the receive thread (a local JPEG
    /// server that streams, with the other local servers' encodes and the decode workers keeping all processors but one
    /// busy: <see cref="LocalCodecWork.DecodesHere"/>).
    /// </summary>
    public bool DecodesHere(int port) => StartsCodecWork(port) && _codec!.DecodesHere(_codecGrants);

    /// <summary>Whether a held reply waits only for the budget (its server has room, and codec room): then nobody overtakes it.</summary>
    private bool AnyWaitingForBudget()
    {
        foreach (var (port, _, _) in _held)
        {
            if (_roomFor(port) && !WaitsForCodec(port)) return true;
        }
        return false;
    }

    /// <summary>Whether answering <paramref name="port"/> would start codec work on this machine with none to spare.</summary>
    private bool WaitsForCodec(int port) => StartsCodecWork(port) && !_codec!.HasRoom(_codecGrants);

    /// <summary>
    /// Whether answering <paramref name="port"/> starts codec work on this machine: a local JPEG server that streams (its
    /// last granted frame came within the idle gap of its answer, so it encodes as soon as it is answered). A paced
    /// server sleeps after its answer and encodes just before it sends: it is not held for codec room.
    /// </summary>
    private bool StartsCodecWork(int port)
        => _codec is { } codec && codec.Counts(port) && _delays.TryGetValue(port, out var delay) && delay < _idleGapTicks;

    private bool Fits(long bytes)
    {
        var waitingCount = _undelivered?.UndeliveredCount ?? 0;
        if (_granted.Count + waitingCount < MinGrants) return true;
        return _grantedBytes + (_undelivered?.UndeliveredBytes ?? 0) + bytes <= _budget;
    }

    private void Grant(int port, long bytes, long now)
    {
        Revoke(port, ticks: null);
        var codec = StartsCodecWork(port);
        _granted[port] = (now, bytes, codec);
        _grantedBytes += bytes;
        if (codec) _codecGrants++;
        _grantOrder.Enqueue((port, now));
    }

    private void Expire(long now)
    {
        // Idle: the socket was found empty with nothing arrived for the gap. Measured to the last empty look, not to
        // now, so a receive loop that was itself kept from running (a busy machine) does not count its own pause.
        if (_granted.Count > 0 && _lastEmptyTicks - _lastArrivalTicks >= _idleGapTicks)
        {
            foreach (var (port, grant) in _granted)
            {
                if (_delays.TryGetValue(port, out var delay) && delay < _idleGapTicks) continue; // streaming: busy, not quiet
                _granted.Remove(port); // allowed while enumerating; its _grantOrder entry is skipped when it ages out
                _grantedBytes -= grant.Bytes;
                if (grant.Codec) _codecGrants--;
            }
        }
        while (_grantOrder.Count > 0 && now - _grantOrder.Peek().Ticks >= _maxAgeTicks)
        {
            var (port, ticks) = _grantOrder.Dequeue();
            Revoke(port, ticks); // skipped when the grant was used up or renewed since
        }
    }

    /// <summary>Ends the grant of <paramref name="port"/>; with <paramref name="ticks"/>, only the grant given then.</summary>
    private void Revoke(int port, long? ticks)
    {
        if (_granted.TryGetValue(port, out var grant) && (ticks is null || grant.Ticks == ticks))
        {
            _granted.Remove(port);
            _grantedBytes -= grant.Bytes;
            if (grant.Codec) _codecGrants--;
        }
    }
}
