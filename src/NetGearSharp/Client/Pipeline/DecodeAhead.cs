namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// Request/Reply and Pair with JPEG decode workers: while a decode worker is idle, a frame is answered as soon as a
/// worker takes it, so its server encodes and sends the next frame while this one decodes (otherwise the answer waits
/// for the decode, and server and client take turns, each idle while the other works: one or two servers). With every
/// worker busy (many servers), frames are answered when delivered, as before: answering early would only queue more
/// frames, adding latency and no throughput. At most <see cref="ClientSettings.MaxAnsweredAhead"/> frames are answered
/// ahead at once (one less than the processors); a frame past that decodes on an idle worker all the same and is
/// answered when delivered. One frame per server decodes at a time; the server's next frame waits,
/// not yet decoding and not yet answered, until the one before is delivered, so a server's frames stay in order, and a
/// frame answered early counts as taking room in its server's queue (<see cref="Ahead"/>). Not used where answers carry
/// return data (bidirectional and multi-client modes: the application sets it after reading the frame before).
/// Receive thread only.
/// </summary>
internal sealed class DecodeAhead : IDisposable
{
    private readonly FrameDecoding _decoding;
    private readonly ReplyGate _replies;
    /// <summary>Servers with a frame decoding.</summary>
    private readonly HashSet<int> _decodingNow = [];
    /// <summary>Servers whose decoding frame was answered already (not yet delivered).</summary>
    private readonly HashSet<int> _answeredAhead = [];
    /// <summary>Frames waiting behind a decoding one of the same server (one, unless a peer sends without answers).</summary>
    private readonly Dictionary<int, Queue<DecodeJob>> _waiting = [];

    /// <summary>The most frames answered ahead at once.</summary>
    private readonly int _maxAhead;

    /// <param name="decoding">The decode workers.</param>
    /// <param name="replies">Where answers go out.</param>
    /// <param name="maxAhead">The most frames answered ahead at once (<see cref="ClientSettings.MaxAnsweredAhead"/>).</param>
    public DecodeAhead(FrameDecoding decoding, ReplyGate replies, int maxAhead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAhead, 1);
        _maxAhead = maxAhead;
        _decoding = decoding;
        _replies = replies;
    }

    /// <summary>Whether <paramref name="port"/> has a frame decoding.</summary>
    public bool IsDecoding(int port) => _decodingNow.Contains(port);

    /// <summary>Frames of <paramref name="port"/> answered but not yet delivered: 0 or 1.</summary>
    public int Ahead(int port) => _answeredAhead.Contains(port) ? 1 : 0;

    /// <summary>
    /// A JPEG frame of <paramref name="port"/> arrived: it decodes now (answered at once if a worker is idle) unless one
    /// of its server's frames is decoding, else it waits for that one's delivery. False when it is not one for the
    /// workers (decode it here).
    /// </summary>
    public bool TryTake(int port, in Protocol.FrameHeader header, ReadOnlySpan<byte> payload, byte[]? message, Envelope envelope, long now)
    {
        if (!_decoding.TryPrepare(port, header, payload, message, envelope, out var job)) return false;
        if (_decodingNow.Add(port)) Start(job, now);
        else
        {
            if (!_waiting.TryGetValue(port, out var queue)) _waiting[port] = queue = new Queue<DecodeJob>();
            queue.Enqueue(job);
        }
        return true;
    }

    /// <summary>The decoding frame of <paramref name="port"/> was delivered: the server's next one, if it waits, starts.</summary>
    public void Delivered(int port, long now)
    {
        _decodingNow.Remove(port);
        _answeredAhead.Remove(port);
        if (_waiting.TryGetValue(port, out var queue) && queue.TryDequeue(out var next))
        {
            _decodingNow.Add(port);
            Start(next, now);
        }
    }

    private void Start(DecodeJob job, long now)
    {
        var (port, length) = (job.Port, job.Length);
        Envelope? envelope = null;
        if (_decoding.WorkerIdle && _answeredAhead.Count < _maxAhead)
        {
            job.AnsweredEarly = true;
            _answeredAhead.Add(port);
            envelope = _replies.RentEnvelope();
            job.Envelope.CopyTo(envelope);
        }
        _decoding.Submit(job);
        if (envelope is not null) _replies.AnswerFrame(port, length, envelope, now);
    }

    /// <summary>Gives back the frames still waiting (the client is closing).</summary>
    public void Dispose()
    {
        foreach (var queue in _waiting.Values)
        {
            while (queue.TryDequeue(out var job)) _decoding.Discard(job);
        }
        _waiting.Clear();
    }
}
