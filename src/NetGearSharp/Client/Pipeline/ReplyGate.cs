using NetGearSharp.Protocol;
using NetGearSharp.Transport;

using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// Answering: the one place the client's replies go out. Malformed, filtered and unknown messages are acknowledged at
/// once (their senders must not hang); a delivered frame's answer goes out when its server has queue room and the
/// flow-control window (<see cref="ReplyWindow"/>, which also keeps the replies that wait) allows it, else it waits
/// there and <see cref="ReleaseHeld"/> sends it later. Patterns that do not reply (Publish/Subscribe) send nothing.
/// Receive thread only.
/// </summary>
internal sealed class ReplyGate
{
    private readonly ITransportSocket _socket;
    private readonly IReplyStrategy _strategy;
    private readonly ReplyWindow _window;
    private readonly ServerRegistry _registry;
    private readonly MonotonicClock _clock;
    private readonly Envelope _current;
    private readonly byte[] _ack;
    private readonly Stack<Envelope> _spares = new();
    /// <summary>Per connection (<see cref="Envelope.Connection"/>), its frames taken whose answers have not gone out.</summary>
    private readonly Dictionary<ulong, int> _owed = new();
    /// <summary>Servers that have sent a frame since they connected (their first one arrives unasked).</summary>
    private readonly HashSet<int> _sentSinceConnecting = new();
    private readonly IUnaskedFrameHint? _unasked;
    /// <summary>Bidirectional or multi-client mode: every answer carries return data; null otherwise.</summary>
    private readonly ReturnAnswers? _returns;

    /// <param name="socket">The client's socket.</param>
    /// <param name="strategy">How the pattern answers.</param>
    /// <param name="window">Flow control, and where replies wait.</param>
    /// <param name="registry">Counts replies held back.</param>
    /// <param name="clock">The client's clock.</param>
    /// <param name="current">The envelope the reader fills for each message (copied when a reply has to wait).</param>
    /// <param name="deviceId">The client's id, in every acknowledgement.</param>
    /// <param name="returns">Bidirectional or multi-client mode: the return data every answer carries.</param>
    public ReplyGate(ITransportSocket socket, IReplyStrategy strategy, ReplyWindow window, ServerRegistry registry,
        MonotonicClock clock, Envelope current, string deviceId, ReturnAnswers? returns = null)
    {
        _returns = returns;
        _socket = socket;
        _strategy = strategy;
        _window = window;
        _registry = registry;
        _clock = clock;
        _current = current;
        _ack = Protocol.Replies.FrameAck(deviceId);
        _unasked = BoundsUnaskedFrames ? socket as IUnaskedFrameHint : null;
    }

    /// <summary>Whether flow control asks for frames (answers under a budget), so a server's first frame is the unasked one.</summary>
    private bool BoundsUnaskedFrames => _strategy.Replies && _window.Limits;

    /// <summary>Before the first message: every server's first frame will arrive unasked.</summary>
    public void Start() => _unasked?.ExpectUnaskedFrames();

    /// <summary>A frame of <paramref name="port"/> arrived: its grant is used up (and a server's first one came unasked).</summary>
    public void Arrived(int port, long now)
    {
        _window.Arrived(port, now);
        // A server's first frame since it connected comes unasked: hundreds at once when a fleet starts.
        if (_unasked is not null && _sentSinceConnecting.Add(port)) _unasked.ExpectUnaskedFrames();
    }

    /// <summary>The server disconnected or said goodbye: its grant ends, and its next frame will come unasked.</summary>
    public void Left(int port)
    {
        _window.Left(port);
        _sentSinceConnecting.Remove(port);
    }

    /// <summary>Whether the frame of <paramref name="port"/> that just arrived is best decoded here (<see cref="ReplyWindow.DecodesHere"/>).</summary>
    public bool DecodesHere(int port) => _window.DecodesHere(port);

    /// <summary>Nothing was waiting on the socket at <paramref name="now"/> (idle grants may lapse).</summary>
    public void SawNothing(long now) => _window.SawNothing(now);

    /// <summary>Whether the pattern answers every message (Request/Reply, Pair).</summary>
    public bool Replies => _strategy.Replies;

    /// <summary>
    /// Whether replies are waiting for room that nothing announces (the receive loop then looks more often); not those
    /// that wait only for codec room (<see cref="ReplyWindow.HoldsBeyondCodec"/>).
    /// </summary>
    public bool Holding => _window.HeldCount > 0 && _window.HoldsBeyondCodec();

    /// <summary>
    /// The message in <paramref name="envelope"/>, from <paramref name="connection"/> (<see cref="Envelope.Connection"/>),
    /// is a frame taken to be delivered: its connection owes no other frame until this one is answered (<see cref="Owes"/>),
    /// wherever the answer then waits and whichever envelope carries it (copies keep <see cref="Envelope.Owing"/>). A
    /// connection without an identity (Pair) is not counted.
    /// </summary>
    public void Owe(Envelope envelope, ulong? connection)
    {
        if (connection is not { } owing) return;
        envelope.Owing = owing;
        _owed[owing] = _owed.GetValueOrDefault(owing) + 1;
    }

    /// <summary>
    /// Whether <paramref name="connection"/> (<see cref="Envelope.Connection"/>) has a frame here whose answer has not gone
    /// out. A REQ socket sends its next frame only once answered, and VidGear's and this library's servers resend after a
    /// timeout on a new connection (a new identity), so only a peer that does not wait for its answers (a DEALER flooding
    /// the port) has one.
    /// </summary>
    public bool Owes(ulong? connection) => connection is { } owing && _owed.ContainsKey(owing);

    /// <summary>A spare envelope to copy one into (decode jobs hand theirs back through <see cref="AnswerFrame"/>).</summary>
    public Envelope RentEnvelope() => _spares.Count > 0 ? _spares.Pop() : new Envelope();

    /// <summary>Acknowledges at once, outside flow control (malformed, filtered or unknown messages); a rented envelope goes back to the spares.</summary>
    public void Acknowledge(Envelope envelope)
    {
        Send(envelope, _ack);
        Recycle(envelope);
    }

    /// <summary>Answers a goodbye with <paramref name="text"/> at once.</summary>
    public void Say(Envelope envelope, ReadOnlySpan<byte> text)
    {
        if (_strategy.Replies) _strategy.Reply(_socket, envelope, text);
    }

    /// <summary>
    /// Answers a delivered frame of <paramref name="payloadBytes"/> (the expected size of the server's next one) now if
    /// it may go out, else keeps it until it may. <paramref name="envelope"/> is the current message's (copied if kept)
    /// or a rented one (kept, or returned to the spares once sent).
    /// </summary>
    public void AnswerFrame(int port, long payloadBytes, Envelope envelope, long now)
    {
        if (!_strategy.Replies) return;
        envelope.Port = port; // the answer (and its return data) goes to the server whose frame it answers
        if (_window.TryGrant(port, payloadBytes, now))
        {
            Send(envelope, _ack);
            Recycle(envelope);
        }
        else
        {
            if (_window.Limits) _registry.OnReplyHeld();
            _window.Hold(port, payloadBytes, Keep(envelope));
        }
        ReleaseHeld();
    }

    /// <summary>Sends the replies that may go out now (grants lapsed, frames taken by the application).</summary>
    public void ReleaseHeld()
    {
        if (_window.HeldCount == 0) return; // the common case, on every frame: no clock read
        var now = _clock.Now;
        while (_window.TryRelease(now, out var envelope))
        {
            Send(envelope, _ack);
            _spares.Push(envelope);
        }
    }

    /// <summary>Sends an answer: <paramref name="text"/>, or in bidirectional and multi-client mode the return data for the envelope's server.</summary>
    private void Send(Envelope envelope, ReadOnlySpan<byte> text)
    {
        if (!_strategy.Replies) return;
        if (envelope.Owing is not null) Paid(envelope);
        if (_returns is null)
        {
            _strategy.Reply(_socket, envelope, text);
            return;
        }
        var json = _returns.Write(envelope.Port, out var frame, out var hasFrame);
        if (hasFrame) _strategy.Reply(_socket, envelope, json, frame);
        else _strategy.Reply(_socket, envelope, json);
    }

    /// <summary>The answer to an owed frame goes out: its connection may send again.</summary>
    private void Paid(Envelope envelope)
    {
        var connection = envelope.Owing!.Value;
        envelope.Owing = null;
        if (!_owed.TryGetValue(connection, out var owed)) return;
        if (owed <= 1) _owed.Remove(connection);
        else _owed[connection] = owed - 1;
    }

    /// <summary>An envelope that outlives this message: the current one is copied, a rented one is kept as it is.</summary>
    private Envelope Keep(Envelope envelope)
    {
        if (!ReferenceEquals(envelope, _current)) return envelope;
        var held = RentEnvelope();
        _current.CopyTo(held);
        return held;
    }

    private void Recycle(Envelope envelope)
    {
        if (!ReferenceEquals(envelope, _current)) _spares.Push(envelope);
    }
}
