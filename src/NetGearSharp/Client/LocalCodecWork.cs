namespace NetGearSharp.Client;

/// <summary>
/// Request/Reply JPEG servers on this machine (a demo, a test rig, several cameras on one computer): each of their frames
/// costs this machine's processors an encode in the server as well as a decode here, and a server starts encoding its
/// next frame the moment it is answered. Answered at once, every such server encodes while the decode threads decode,
/// more codec threads than processors, each taking longer and every frame waiting behind the others (8 servers on 2
/// processors: p99 about twice what it needs to be, no more frames/s). So the <see cref="ReplyWindow"/> answers a local
/// JPEG server that streams only while such servers answered and not yet heard from, with the frames decoding here,
/// stay under <see cref="Limit"/>; past it the answer waits for a decode to end or a frame to arrive. Servers elsewhere
/// (their connection comes from another machine's address, where the transport can tell: <see
/// cref="Transport.TransportEvent.PeerOnThisMachine"/>), paced servers (they encode just before they send, not when
/// answered) and raw frames are never held for it. The same count says where such a server's frame decodes
/// (<see cref="DecodesHere"/>). Receive thread only.
/// </summary>
internal sealed class LocalCodecWork
{
    private readonly Func<int> _decoding;
    /// <summary>Servers whose last accepted connection came from this machine.</summary>
    private readonly HashSet<int> _local = [];
    /// <summary>Servers whose last frame was JPEG.</summary>
    private readonly HashSet<int> _jpeg = [];

    private readonly int _processors;

    /// <param name="limit">The most codec jobs at once on this machine (<see cref="ClientSettings.MaxLocalCodecJobs"/>).</param>
    /// <param name="processors">The machine's processors (<see cref="ClientSettings.Processors"/>).</param>
    /// <param name="decoding">How many frames are decoding here now (or decoded, not yet taken).</param>
    public LocalCodecWork(int limit, int processors, Func<int> decoding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(processors, 1);
        Limit = limit;
        _processors = processors;
        _decoding = decoding;
    }

    /// <summary>The most local JPEG servers answered and not yet heard from, with the frames decoding here.</summary>
    public int Limit { get; }

    /// <summary>A connection was accepted on <paramref name="port"/>, from this machine or not (the server's latest counts).</summary>
    public void Accepted(int port, bool onThisMachine)
    {
        if (onThisMachine) _local.Add(port);
        else _local.Remove(port);
    }

    /// <summary>A frame of <paramref name="port"/> arrived, JPEG or not.</summary>
    public void FrameArrived(int port, bool jpeg)
    {
        if (jpeg) _jpeg.Add(port);
        else _jpeg.Remove(port);
    }

    /// <summary>Whether answering <paramref name="port"/> starts codec work on this machine (a local server sending JPEG).</summary>
    public bool Counts(int port) => _local.Contains(port) && _jpeg.Contains(port);

    /// <summary>Whether one more local server may start encoding, with <paramref name="answeredLocal"/> answered already.</summary>
    public bool HasRoom(int answeredLocal) => answeredLocal + _decoding() < Limit;

    /// <summary>
    /// Whether a frame of a local JPEG server that streams is best decoded on the receive thread rather than on a decode
    /// worker: when the local servers encoding now (<paramref name="encoding"/>, this frame's server not among them) and
    /// the frames on the decode workers keep all processors but one busy. The receive thread then takes that one for the
    /// decode, with no hand-over to a worker and back. Two servers on two processors: one encodes while the other's
    /// frame decodes, in turn (1.06x-1.11x the frames/s of the workers with answers ahead, p99 4.0-4.1 against 4.6-4.8
    /// ms: docs/performance.md, thirty-third session). Such a frame's server is answered before the decode where answers
    /// carry no return data, so it encodes while its frame decodes; the other server's frame, answered at the start of
    /// its own decode, is done encoding by then, so the codec work still does not outnumber the processors
    /// (1.12x-1.23x the frames/s of answering after the decode, p50 and p99 up by one decode's wait: forty-fifth
    /// session). With no other local server encoding, the worker and the early answer let this server encode its next
    /// frame while this one decodes; with more codec work under way, the workers share it.
    /// </summary>
    public bool DecodesHere(int encoding) => encoding > 0 && encoding + _decoding() == _processors - 1;
}
