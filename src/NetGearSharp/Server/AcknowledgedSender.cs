using Microsoft.Extensions.Logging;
using NetGearSharp.Logging;
using NetGearSharp.Protocol;
using NetGearSharp.Transport;

namespace NetGearSharp.Server;

/// <summary>
/// Request/Reply and Pair: every frame waits for the client's reply. Request/Reply uses a DEALER that frames its
/// messages exactly as a REQ does (NetMQ 4.0.4.5's REQ loses messages when ZMTP heartbeats run; its DEALER does not).
/// On a timeout the socket is closed and reopened and the frame is sent again (Lazy Pirate); so it is at once when the
/// socket reports that its connection to the client closed while the reply was awaited (the reply cannot come then: the
/// client restarted, or shed its port's connections), where the transport reports connections
/// (<see cref="ServerSettings.WatchesConnection"/>). After <see cref="ServerSettings.MaxRetries"/> timeouts in a row
/// (no reply, or no client connected for a whole request timeout) the send fails. Before the client has ever
/// answered, the server waits for it up to the connect timeout.
/// The payload is lent to the transport, not copied (libzmq): once the reply has come, the client has the whole frame,
/// so the transport has written it; on the failure paths the socket is closed and the sender waits until the
/// transport has let go of the memory before it resends, throws or returns. Where the transport says the payload's place
/// would make its copy into the kernel slow (<see cref="ILentPayloadPadding"/>), the header goes with a few spaces after it.
/// </summary>
internal sealed class AcknowledgedSender : IFrameSender
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);
    private readonly ServerSettings _settings;
    /// <summary>A DEALER speaks for a REQ: it sends the empty delimiter part a REQ would add itself.</summary>
    private readonly bool _delimiter;
    private static readonly TimeSpan ReleaseWait = TimeSpan.FromSeconds(5);
    private ITransportSocket _socket;
    private bool _everAcknowledged;
    private readonly HandshakeWarnings _handshakeWarnings;
    /// <summary>Whether the socket's security handshake failed, and when to reopen it then.</summary>
    private readonly HandshakeReopening _reopening;
    /// <summary>The payload lent to the transport by the last send, until a reply proves it written.</summary>
    private SendRelease? _lent;
    /// <summary>A header padded with spaces, when the socket asks for them (rarely).</summary>
    private byte[] _padded = [];

    public AcknowledgedSender(ServerSettings settings)
    {
        _settings = settings;
        _delimiter = settings.Socket.Kind == SocketKind.Dealer;
        _handshakeWarnings = new HandshakeWarnings(settings);
        _reopening = new HandshakeReopening(settings);
        _socket = Open();
    }

    private ITransportSocket Open()
    {
        _reopening.Opened();
        var socket = _settings.Transport.CreateSocket(_settings.Socket);
        try
        {
            // Multi-client mode: one socket connected to every client; it deals the frames out to them in turn.
            foreach (var endpoint in _settings.Endpoints) socket.Connect(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Reopen()
    {
        _socket.Dispose();
        AwaitLentPayload();
        _socket = Open();
    }

    /// <summary>After the socket is closed, waits (bounded) until the transport no longer reads the lent payload.</summary>
    private void AwaitLentPayload()
    {
        var lent = _lent;
        _lent = null;
        if (lent is not null && !lent.Wait(ReleaseWait))
            _settings.Logger.LentFrameHeld(ReleaseWait.TotalSeconds, _settings.Endpoint);
    }

    public IReadOnlyList<byte[]>? Send(ReadOnlySpan<byte> header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (_socket is ILentPayloadPadding padding && padding.TrailingSpaces(payload, header.Length, _delimiter) is > 0 and var spaces)
            header = Padded(header, spaces);
        var timeouts = 0;
        var waitingSince = _settings.Clock.Now;
        while (true)
        {
            // With no client connected the send fails (ZMQ_IMMEDIATE) and nothing is queued anywhere, so a frame
            // cannot arrive twice when the client turns up later.
            _ = ConnectionClosed(); // a close before this request is not this request's
            var attempt = AttemptTimeout(waitingSince);
            if (!SendFirstPart(_delimiter ? ReadOnlySpan<byte>.Empty : header, attempt, cancellationToken))
            {
                var refused = _reopening.Refused;
                if (refused) Reopen(); // a client fixed meanwhile (its secure mode, its keys) is reached without a restart
                TimedOut(ref timeouts, waitingSince, refused ? "the client did not accept the connection" : "no client connected");
                continue;
            }
            if ((_delimiter && !_socket.TrySend(header, more: true, _settings.RequestTimeout))
                || !TrySendPayload(payload))
            {
                Reopen(); // half a message went out: this socket cannot be used again
                TimedOut(ref timeouts, waitingSince, "could not queue the frame");
                continue;
            }
            if (WaitForReply(AttemptTimeout(waitingSince), cancellationToken, out var reply, out var closed))
            {
                if (timeouts > 0 && _everAcknowledged)
                {
                    _settings.Logger.ClientAnswersAgain(_settings.Endpoint, TimeSpan.FromTicks(_settings.Clock.Now - waitingSince).TotalSeconds, timeouts);
                }
                _everAcknowledged = true;
                _lent = null; // the client has the whole frame: the transport is done reading it
                return reply;
            }
            Reopen();
            TimedOut(ref timeouts, waitingSince, closed ? "its connection closed" : $"none within {_settings.RequestTimeout.TotalSeconds:0.###} s");
        }
    }

    /// <summary>The header with <paramref name="spaces"/> spaces after it (see <see cref="ILentPayloadPadding"/>), in a buffer kept for this.</summary>
    private ReadOnlySpan<byte> Padded(ReadOnlySpan<byte> header, int spaces)
    {
        var length = header.Length + spaces;
        if (_padded.Length < length) _padded = new byte[Math.Max(length, 2 * _padded.Length)];
        header.CopyTo(_padded);
        _padded.AsSpan(header.Length, spaces).Fill((byte)' ');
        return _padded.AsSpan(0, length);
    }

    private bool TrySendPayload(ReadOnlyMemory<byte> payload)
    {
        var sent = _socket.TrySendBorrowed(payload, _settings.RequestTimeout, out var release);
        if (sent) _lent = release;
        return sent;
    }

    /// <summary>
    /// How long one attempt may wait: the request timeout, and before the client has ever answered no longer than the
    /// connect timeout has left (so <see cref="ServerSettings.ConnectTimeout"/> is kept, not rounded up to a whole request
    /// timeout).
    /// </summary>
    private TimeSpan AttemptTimeout(long waitingSince)
    {
        if (_everAcknowledged || _settings.ConnectTimeout == Timeout.InfiniteTimeSpan) return _settings.RequestTimeout;
        var left = _settings.ConnectTimeout - TimeSpan.FromTicks(_settings.Clock.Now - waitingSince);
        return left <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : left < _settings.RequestTimeout ? left : _settings.RequestTimeout;
    }

    /// <summary>Sends the first part of a message, trying for up to <paramref name="timeout"/> in short slices so cancellation is noticed.</summary>
    private bool SendFirstPart(ReadOnlySpan<byte> part, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _settings.Clock.DeadlineAfter(timeout);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = _settings.Clock.Left(deadline);
            if (left <= TimeSpan.Zero) return false;
            if (_socket.TrySend(part, more: true, left < Slice ? left : Slice)) return true;
            _ = ConnectionClosed(); // a failed handshake is warned about while the send waits, not after it
            // Nothing is sent yet: a socket whose handshake failed tries again (a client fixed meanwhile is reached).
            if (_reopening.Due) Reopen();
        }
    }

    /// <summary>Counts a timeout; throws when the retries (or, before any reply, the connect timeout) are used up.</summary>
    private void TimedOut(ref int timeouts, long waitingSince, string what)
    {
        if (!_everAcknowledged)
        {
            var waited = TimeSpan.FromTicks(_settings.Clock.Now - waitingSince);
            if (_settings.ConnectTimeout != Timeout.InfiniteTimeSpan && waited >= _settings.ConnectTimeout)
                throw new NetGearException($"No client answered at {_settings.Endpoint} within the connect timeout of {_settings.ConnectTimeout.TotalSeconds:0.###} s. Is the client running and listening on port {_settings.PortName}?");
            _settings.Logger.WaitingForClient(_settings.Endpoint, waited.TotalSeconds);
            return;
        }
        timeouts++;
        // The last one is said by the exception: nothing is sent again then.
        if (timeouts < _settings.MaxRetries)
        {
            var level = WarnsAt(timeouts) ? LogLevel.Warning : LogLevel.Debug;
            if (_settings.MaxRetries == NetGearServerOptions.RetryForever)
            {
                _settings.Logger.ReplyTimeoutRetryingForever(level, _settings.Endpoint, what, timeouts, TimeSpan.FromTicks(_settings.Clock.Now - waitingSince).TotalSeconds);
            }
            else
            {
                _settings.Logger.ReplyTimeout(level, _settings.Endpoint, what, timeouts, _settings.MaxRetries);
            }
        }
        if (timeouts >= _settings.MaxRetries)
            throw new NetGearException($"The client at {_settings.Endpoint} did not reply {(timeouts == 1 ? "once" : $"{timeouts} times in a row")} (request timeout {_settings.RequestTimeout.TotalSeconds:0.###} s, max retries {_settings.MaxRetries}); it seems to be offline. Giving up.");
    }

    /// <summary>
    /// Whether the <paramref name="attempt"/>th timeout in a row is logged as a warning (else at Debug level): the 1st,
    /// 2nd, 4th, 8th, ... until a minute of request timeouts, then one a minute, so a client away for hours (with many
    /// retries) does not fill a log with a line every request timeout.
    /// </summary>
    private bool WarnsAt(int attempt)
    {
        var perMinute = (int)Math.Max(1, Math.Ceiling(TimeSpan.FromMinutes(1) / _settings.RequestTimeout));
        return attempt < perMinute ? (attempt & (attempt - 1)) == 0 : attempt % perMinute == 0;
    }

    /// <summary>
    /// Waits for a reply in short slices so cancellation (and a closed connection) is noticed. True: replied (with its
    /// parts when the client returns data); false: timed out, or <paramref name="closed"/>: the connection closed.
    /// </summary>
    private bool WaitForReply(TimeSpan timeout, CancellationToken cancellationToken, out IReadOnlyList<byte[]>? parts, out bool closed)
    {
        parts = null;
        closed = false;
        var deadline = _settings.Clock.DeadlineAfter(timeout);
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The socket expects a reply; it cannot send again. Start afresh for the next call.
                Reopen();
                cancellationToken.ThrowIfCancellationRequested();
            }
            var left = _settings.Clock.Left(deadline);
            if (left <= TimeSpan.Zero) return false;
            if (!_socket.TryReceive(left < Slice ? left : Slice, out var reply, out var more))
            {
                if (ConnectionClosed()) return !(closed = true);
                continue;
            }
            if (_settings.ReturnsData)
            {
                parts = ReadReturnParts(reply, more);
                return true;
            }
            // A DEALER receives the empty delimiter first; the reply text is the last part.
            while (more && _socket.TryReceive(Slice, out reply, out more)) { }
            if (!Replies.IsFrameAck(reply))
                _settings.Logger.UnexpectedReply(reply.Length, _settings.Endpoint);
            return true;
        }
    }

    /// <summary>
    /// Takes the socket's connection events so far (where it reports them): whether one says its connection closed
    /// (where that is watched: <see cref="ServerSettings.WatchesConnection"/>); a failed security handshake is warned about.
    /// </summary>
    private bool ConnectionClosed()
    {
        var closed = false;
        if (!_settings.Socket.Monitor) return closed;
        while (_socket.TryGetEvent(out var ev))
        {
            if (ev.Kind == TransportEventKind.AuthenticationFailed)
            {
                _reopening.Failed();
                _handshakeWarnings.Failed(ev);
            }
            closed |= _settings.WatchesConnection && ev.Kind == TransportEventKind.Disconnected;
        }
        return closed;
    }

    /// <summary>The parts of a reply with return data (JSON, then a frame for returned arrays), without the delimiter.</summary>
    private List<byte[]> ReadReturnParts(ReadOnlySpan<byte> first, bool more)
    {
        var parts = new List<byte[]>(2);
        if (!(_delimiter && first.IsEmpty)) parts.Add(first.ToArray());
        while (more && _socket.TryReceive(Slice, out var part, out more)) parts.Add(part.ToArray());
        return parts;
    }

    /// <summary>Says goodbye: in multi-client mode once to every client (the socket deals them out in turn).</summary>
    public bool SendTerminate(ReadOnlySpan<byte> header, CancellationToken cancellationToken)
    {
        var all = true;
        for (var i = 0; i < _settings.Endpoints.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested) return false; // not said (a token cancelled already acknowledged nothing)
            all &= SendTerminateOnce(header, cancellationToken);
        }
        return all;
    }

    private bool SendTerminateOnce(ReadOnlySpan<byte> header, CancellationToken cancellationToken)
    {
        var wait = GoodbyeWait(_settings.RequestTimeout);
        // No client has answered yet: the goodbye waits for a connection only briefly (one may be coming up), so closing a
        // server that never had a client does not wait for one.
        var sendDeadline = _settings.Clock.DeadlineAfter(_everAcknowledged || wait < NoClientGoodbyeWait ? wait : NoClientGoodbyeWait);
        if (_delimiter && !TrySendUntil(ReadOnlySpan<byte>.Empty, more: true, sendDeadline, cancellationToken)) return false;
        if (!TrySendUntil(header, more: false, sendDeadline, cancellationToken)) return false;
        var deadline = _settings.Clock.DeadlineAfter(wait);
        while (!cancellationToken.IsCancellationRequested && _settings.Clock.Left(deadline) is var left && left > TimeSpan.Zero)
        {
            if (_socket.TryReceive(left < Slice ? left : Slice, out _, out var more))
            {
                while (more) _socket.TryReceive(Slice, out _, out more);
                return true;
            }
        }
        return false;
    }

    /// <summary>The most a goodbye waits to go out, then for its answer (each).</summary>
    private static readonly TimeSpan MaxGoodbyeWait = TimeSpan.FromSeconds(2);

    /// <summary>The most a goodbye waits to go out while no client has ever answered this server.</summary>
    private static readonly TimeSpan NoClientGoodbyeWait = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a goodbye waits to go out, then for its answer: a fifth of the request timeout, as VidGear's server waits
    /// (0.8 s by default), at most <see cref="MaxGoodbyeWait"/>: a client answers a goodbye as soon as it reads it, and a
    /// long request timeout (a slow link) made closing a server wait seconds.
    /// </summary>
    private static TimeSpan GoodbyeWait(TimeSpan requestTimeout) => requestTimeout / 5 < MaxGoodbyeWait ? requestTimeout / 5 : MaxGoodbyeWait;

    /// <summary>Sends a part, trying until <paramref name="deadline"/> in short slices; false on timeout or cancellation.</summary>
    private bool TrySendUntil(ReadOnlySpan<byte> part, bool more, long deadline, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var left = _settings.Clock.Left(deadline);
            if (left <= TimeSpan.Zero) return false;
            if (_socket.TrySend(part, more, left < Slice ? left : Slice)) return true;
        }
        return false;
    }

    public void Dispose()
    {
        _socket.Dispose();
        AwaitLentPayload();
    }
}
