using NetGearSharp.Logging;
using NetGearSharp.Protocol;
using NetGearSharp.Transport;

using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// The client's receive thread, a small pipeline: <see cref="MessageReader"/> (receiving) → <see cref="ServerTracking"/>
/// (which server, filter, states) → <see cref="FrameDecoding"/> (decoding, here or on workers) → the
/// <see cref="FairQueue{T}"/> (delivery) → <see cref="ReplyGate"/> (answering: the one place replies go out, with the
/// flow-control window). <see cref="EndRule"/> decides when the client ends; event handlers run on the
/// <see cref="EventDispatcher"/>, never here. Nothing a peer sends can make it throw.
/// </summary>
internal sealed class ReceiveLoop : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    /// <summary>With replies held, how often to look for room (grants lapse, the application takes frames).</summary>
    private static readonly TimeSpan HeldPollInterval = TimeSpan.FromMilliseconds(1);
    /// <summary>Flow control: the longest one grant counts if its frame does not arrive.</summary>
    private static readonly TimeSpan GrantMaxAge = TimeSpan.FromMilliseconds(250);
    private const int BurstSize = 64;
    /// <summary>
    /// An ending client waits at most this long for the servers it answered a goodbye to to close (see
    /// <see cref="LetGoodbyesClose"/>): longer than such a server waits for the answer with the default request timeout
    /// (a fifth of 4 s), so the client does not close first while that server may still read it; a server closes as
    /// soon as it has read it, or has given up, so the wait is rarely more than a few milliseconds.
    /// </summary>
    private static readonly TimeSpan GoodbyeCloseWait = TimeSpan.FromSeconds(1);

    private readonly ClientSettings _settings;
    private readonly MonotonicClock _clock;
    private readonly ITransportSocket _socket;
    private readonly FairQueue<NetGearPacket> _queue;
    private readonly MessageReader _reader;
    private readonly ServerTracking _servers;
    private readonly FrameDecoding _decoding;
    /// <summary>Request/Reply and Pair: JPEG servers on this machine, answered while codec work has room; null otherwise.</summary>
    private readonly LocalCodecWork? _codec;
    /// <summary>Answers JPEG frames as they go to the decode workers; null where it does not apply.</summary>
    private readonly DecodeAhead? _ahead;
    private readonly ReplyGate _replies;
    private readonly EndRule _end;
    private readonly EventDispatcher _dispatcher;
    private readonly Action<int> _left;
    /// <summary>
    /// Request/Reply and Pair: the most frames one server may have waiting here (queued for the application, or on the
    /// decode workers) before its next frames are dropped. A REQ server sends its next frame only once answered, and is
    /// answered only while its queue has room, so it stays well below; a peer that sends without waiting for answers
    /// (a DEALER) does not, and must not take the client's memory (<see cref="TooManyWaiting"/>).
    /// </summary>
    private readonly int _maxWaiting;
    /// <summary>Frames per server on the decode workers, or waiting for one, not yet delivered.</summary>
    private readonly Dictionary<int, int> _onWorkers = [];
    private readonly TaskCompletionSource<ClientEndReason> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private volatile bool _stop;
    private bool _ended;
    private int _released;
    private long _yields;

    public ReceiveLoop(ClientSettings settings, ITransportSocket socket, ServerRegistry registry, FairQueue<NetGearPacket> queue,
        Action<ServerEventArgs> raise, string deviceId, ReturnAnswers? returns = null)
    {
        _settings = settings;
        _clock = settings.Clock;
        _socket = socket;
        _queue = queue;
        IReplyStrategy strategy = settings.Pattern switch
        {
            NetGearPattern.ReqRep => new RouterReplyStrategy(),
            NetGearPattern.Pair => new PairReplyStrategy(),
            _ => new SubscriberReplyStrategy(),
        };
        _reader = new MessageReader(socket, strategy, settings.Aliases);
        _decoding = new FrameDecoding(settings, socket);
        if (strategy.Replies) _codec = new LocalCodecWork(settings.MaxLocalCodecJobs, settings.Processors, () => _decoding.Decoding);
        // A server whose queue is full waits for room (backpressure); Publish/Subscribe drops the oldest instead. A frame
        // answered while it decodes (DecodeAhead) takes room in its server's queue already.
        Func<int, bool>? roomFor = strategy.Replies && !settings.DropOldest
            ? new QueueRoom<NetGearPacket>(queue, settings.QueueCapacity, settings.QueueShared, port => (_ahead?.Ahead(port) ?? 0) + (port == _answeringHere ? 1 : 0)).For
            : null;
        var window = new ReplyWindow(settings.MaxBytesInFlight, settings.GrantIdleGap, GrantMaxAge, queue, roomFor, _codec);
        _replies = new ReplyGate(socket, strategy, window, registry, _clock, _reader.Envelope, deviceId, returns);
        _dispatcher = new EventDispatcher(raise, settings.Logger);
        _servers = new ServerTracking(settings, registry, _dispatcher, _codec);
        // Return data is set by the application after it reads a frame: those answers wait for the delivery.
        _answerBeforeDecodingHere = strategy.Replies && returns is null;
        if (_answerBeforeDecodingHere && _decoding.HasWorkers) _ahead = new DecodeAhead(_decoding, _replies, settings.MaxAnsweredAhead);
        _end = new EndRule(settings, _clock.Now);
        _left = _replies.Left;
        _maxWaiting = settings.QueueCapacity + settings.MaxAnsweredAhead + MaxWaitingSlack;
    }

    /// <summary>Whether a frame that decodes here by <see cref="LocalCodecWork.DecodesHere"/> is answered before its decode (not where answers carry return data).</summary>
    private readonly bool _answerBeforeDecodingHere;

    /// <summary>The port whose frame is answered before it decodes on this thread (it counts in its queue's room meanwhile); -1: none.</summary>
    private int _answeringHere = -1;

    /// <summary>Frames past a server's queue capacity and frames answered ahead that a real server may still have waiting (resent after a timeout, a frame on its way).</summary>
    private const int MaxWaitingSlack = 4;

    public Task<ClientEndReason> Completion => _completion.Task;

    /// <summary>Times the receive thread gave its processor away after waking the reader (tests read it: <see cref="WakeReaderThenYield"/>).</summary>
    public long Yields => Interlocked.Read(ref _yields);

    /// <summary>Completes when the receive thread has ended (at once if it never started).</summary>
    public Task Exited => _thread is null ? Task.CompletedTask : _exited.Task;

    /// <summary>Asks the receive thread to end soon, from any thread, without waiting for it (see <see cref="Exited"/>).</summary>
    public void RequestStop()
    {
        _stop = true;
        if (Volatile.Read(ref _released) == 0) _socket.WakeUp();
    }

    public void Start()
    {
        _replies.Start();
        _thread = new Thread(Run) { IsBackground = true, Name = "NetGearClient receive" };
        _thread.Start();
    }

    private void Run()
    {
        try
        {
            while (!_stop && !_ended)
            {
                Housekeeping();
                if (_ended) return;
                // Held replies are released as grants lapse and as the application takes frames: look again soon.
                var timeout = _replies.Holding ? HeldPollInterval : PollInterval;
                for (var i = 0; i < BurstSize && !_stop; i++)
                {
                    DeliverDecoded();
                    if (!ReceiveOne(timeout))
                    {
                        _replies.SawNothing(_clock.Now);
                        break;
                    }
                    timeout = TimeSpan.Zero;
                }
            }
        }
        catch (Exception ex)
        {
            // Only a bug or a broken transport gets here: no peer input throws.
            _settings.Logger.ReceiveLoopFailed(ex);
            _completion.TrySetException(new NetGearException("The client's receive loop failed: " + ex.Message, ex));
        }
        finally
        {
            if (!_ended)
            {
                _completion.TrySetResult(ClientEndReason.Disposed);
                _queue.Complete();
            }
            else LetGoodbyesClose();
            ReleaseTransport();
            // An ended client completes once its ports are let go (a new client may bind them at once), and once the
            // handlers of the events before its end have run (they see the end last).
            if (_ended) _dispatcher.Post(() =>
            {
                _completion.TrySetResult(_endReason);
                _queue.Complete();
            });
            _exited.TrySetResult();
        }
    }

    /// <summary>
    /// Before an ending client closes its socket: waits (at most <see cref="GoodbyeCloseWait"/>) until every server whose
    /// goodbye it answered has closed its connection, which a server does as soon as it has read the answer. Closing
    /// first raced that answer: on a loaded machine a NetGearSharp server (a ZMQ_IMMEDIATE DEALER) now and then never
    /// read it, although a capture showed it had reached the server's host before the client's close (about one
    /// goodbye in 3,500 under test load), and waited a fifth of its request timeout for it: when a ZMQ_IMMEDIATE
    /// socket's connection closes, libzmq drops what it received and the application has not read yet. The wait was 0.5 s,
    /// shorter than the server's own 0.8 s: a server starved of the processor for longer could still lose the answer. Where the transport
    /// reports no connections there is nothing to wait for. The application has seen the end already; only the
    /// socket's release waits.
    /// </summary>
    private void LetGoodbyesClose()
    {
        if (!_replies.Replies) return;
        // Bounded in real time, not on the application's clock: it waits for sockets to close, and an injected clock
        // (a test's, which may stand still) must not keep the ports, and the end, waiting. Dispose ends it too.
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(GoodbyeCloseWait.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        try
        {
            while (!_stop)
            {
                _servers.FollowConnections(_socket, _clock.Now, _left);
                if (!_servers.Registry.AnyGoodbyeConnected() || System.Diagnostics.Stopwatch.GetTimestamp() >= deadline) return;
                Thread.Sleep(1);
            }
        }
        catch (Exception ex)
        {
            // Only a broken transport gets here; the client has ended either way and now closes its socket.
            _settings.Logger.GoodbyeWaitFailed(ex);
        }
    }

    /// <summary>
    /// Stops the decode workers and closes the socket, once: when the receive thread ends (the client ended, or was
    /// stopped) and at the latest in <see cref="Dispose"/>. Closing as soon as nobody reads means an ended client accepts
    /// no more connections, and no libzmq connection waits on a full pipe that nobody drains: libzmq 4.3.4 aborts the
    /// process when a heartbeat fires on such a connection after its peer left (docs/reliability.md, Known issues).
    /// </summary>
    private void ReleaseTransport()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        _ahead?.Dispose();
        _decoding.Dispose();
        _socket.Dispose();
    }

    private void Housekeeping()
    {
        var now = _clock.Now;
        _servers.FollowConnections(_socket, now, _left);
        var scanned = _servers.Scan(now);
        _servers.PublishEvents();
        _replies.ReleaseHeld();
        if (scanned && _end.Check(_servers.Registry, now) is { } reason) End(reason);
    }

    /// <summary>Ends the client: the receive thread stops, lets the ports go, then completes (see <see cref="Run"/>).</summary>
    private void End(ClientEndReason reason)
    {
        _endReason = reason;
        _ended = true;
        _settings.Logger.ClientEnded(reason);
        if (reason == ClientEndReason.AllServersGone && _servers.Registry.NeverActivePorts() is { Count: > 0 } never)
        {
            // The servers that came are gone; those of the list that never came are not waited for (by default the
            // client ends with the ones it has seen). Say so, or it looks as if they had come and gone too.
            var ports = string.Join(", ", never);
            if (_settings.WaitForAllServers)
                _settings.Logger.PortsNeverConnectedWithinWait(ports, _settings.WaitForFirstServer);
            else
                _settings.Logger.PortsNeverConnected(ports);
        }
    }

    /// <summary>Why the client ended (set with <c>_ended</c>, on the receive thread).</summary>
    private ClientEndReason _endReason;

    /// <summary>Awaits the event handlers still queued (bounded) without blocking the caller; see <see cref="EventDispatcher.DrainAsync"/>.</summary>
    public Task DrainEventsAsync(bool fromHandler) => _dispatcher.DrainAsync(fromHandler);

    /// <summary>Whether the calling thread runs one of the client's event handlers now.</summary>
    public bool CalledFromHandler => _dispatcher.IsHandlingHere;

    /// <summary>Handles one message. False when nothing arrived in time.</summary>
    private bool ReceiveOne(TimeSpan timeout)
    {
        var message = _reader.Read(timeout);
        var envelope = _reader.Envelope;
        switch (message.Kind)
        {
            case ReceivedKind.Nothing:
                return false;
            case ReceivedKind.Malformed:
                // A header that names no port (unreadable, too large) is counted on the port it arrived on, where known.
                _servers.Malformed(message.NamedPort ?? _servers.ArrivalPort(_socket, message.Connection, null, _clock.Now, _left), message.Error, message.Reason, _clock.Now);
                if (message.Answer) _replies.Acknowledge(envelope);
                return true;
            case ReceivedKind.Terminate:
                FinishDecoding(_servers.TerminatingPort(message.NamedPort));
                Terminate(message.NamedPort, _servers.ArrivalPort(_socket, message.Connection, _servers.TerminatingPort(message.NamedPort), _clock.Now, _left));
                return true;
        }

        var now = _clock.Now;
        var arrivedOn = _servers.ArrivalPort(_socket, message.Connection, message.NamedPort, now, _left);
        if (_servers.ResolvePort(message.NamedPort, arrivedOn, now) is not { } port)
        {
            _replies.Acknowledge(envelope);
            return true;
        }
        _replies.Arrived(port, now);
        if (_servers.FilteredOut(port))
        {
            _replies.Acknowledge(envelope);
            return true;
        }

        if (TooManyWaiting(port, envelope)) return true;

        var header = message.Header;
        _codec?.FrameArrived(port, header.Compression is not null);
        var json = header.Message.IsEmpty ? null : header.Message.ToArray();
        // JPEG with decode workers: delivered and answered by DeliverDecoded when done; unless the frame is best decoded
        // here (LocalCodecWork.DecodesHere) and none of its server's frames is on a worker (they stay in order).
        var here = header.Compression is not null && _replies.DecodesHere(port) && _ahead?.IsDecoding(port) != true;
        if (!here && (_ahead is not null
                ? _ahead.TryTake(port, header, message.Payload, json, envelope, now)
                : _decoding.TrySubmit(port, header, message.Payload, json, envelope)))
        {
            _onWorkers[port] = _onWorkers.GetValueOrDefault(port) + 1;
            return true;
        }
        Envelope? answerAfter = envelope;
        if (here && _answerBeforeDecodingHere)
        {
            // Decoded here, answered first (where answers carry no return data): its server encodes its next frame
            // while this one decodes, and that frame is here by the time the other server's has decoded. Answered after
            // the decode, the next frame was still on its way then (answer, wake-ups, encode, transfer), and the receive
            // thread waited for it (docs/performance.md, forty-fifth session). The frame counts in its server's queue
            // meanwhile (_answeringHere), as a frame answered ahead on a worker does.
            _answeringHere = port;
            _replies.AnswerFrame(port, message.Payload.Length, envelope, now);
            _answeringHere = -1;
            answerAfter = null;
        }
        var frame = _decoding.Decode(header, message.Payload, out var decoded);
        // KeepJpeg: the compressed bytes stay on the packet (a web page passes them on without encoding again).
        var jpeg = _settings.KeepJpeg && header.Compression is not null && frame is not null ? message.Payload.ToArray() : null;
        Deliver(port, frame, decoded, json, message.Payload.Length, answerAfter, now, jpeg, header.Compression?.ColorSpace, wakeAfterAnswer: here);
        return true;
    }

    /// <summary>
    /// Request/Reply and Pair: drops the frame that just arrived from <paramref name="port"/> when that server already has
    /// <see cref="_maxWaiting"/> frames waiting here, or (Request/Reply: a Pair peer has no identity) when its connection
    /// sent it before its frame before was answered (<see cref="ReplyGate.Owes"/>): counted as malformed (<see cref="MalformedKind.AnswerNotAwaited"/>, logged
    /// as malformed messages are) and answered at once. Without this a peer sending frames without waiting for its
    /// answers grew the queue, the replies held for it and the decode workers' queues for as long as it sent, up to all
    /// of the machine's memory. The count alone let such a peer keep <see cref="_maxWaiting"/> decoded frames on every
    /// port, whatever their size (a small JPEG can decode to 100 MB); on one connection it now keeps those that flow
    /// control answered (<see cref="ReplyWindow"/>: a budget shared by every server) and one more. VidGear's and this
    /// library's servers never trip it: they resend after a timeout on a new connection (a REQ socket with REQ_RELAXED, or
    /// a fixed routing identity, that resends on the same one would have that frame dropped and answered while its first
    /// answer waits). Otherwise the frame is owed an answer from now on.
    /// </summary>
    private bool TooManyWaiting(int port, Envelope envelope)
    {
        if (!_replies.Replies) return false;
        var waiting = _queue.RoomView(port).Count + _onWorkers.GetValueOrDefault(port);
        var connection = envelope.Connection;
        var owes = _replies.Owes(connection);
        if (waiting < _maxWaiting && !owes)
        {
            _replies.Owe(envelope, connection);
            return false;
        }
        _servers.Malformed(port, MalformedKind.AnswerNotAwaited, owes
            ? "its connection sent another frame before the one before was answered (no REQ server does that)"
            : $"{_maxWaiting} of its frames wait already and it sent another without waiting for an answer (no REQ server does that)", _clock.Now);
        _replies.Acknowledge(envelope);
        return true;
    }

    /// <summary>
    /// Before a goodbye from <paramref name="port"/>: delivers its frame still decoding ahead of its answer
    /// (<see cref="DecodeAhead"/>). A server answered early says goodbye while its last frame may still decode; that
    /// frame must come before the goodbye (a frame after it would count the server as streaming again, and an ending
    /// client would lose it). Bounded: the server's frames waiting here (a few: <see cref="TooManyWaiting"/>), 5 s at
    /// most, and it ends when the client is stopped.
    /// </summary>
    private void FinishDecoding(int? port)
    {
        if (_ahead is null || port is not { } terminating) return;
        var deadline = Environment.TickCount64 + 5_000;
        while (true)
        {
            DeliverDecoded();
            if (!_ahead.IsDecoding(terminating) || _stop || Environment.TickCount64 > deadline) return;
            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Delivers and answers the frames the decode workers have finished; then the answers that waited for codec room
    /// (<see cref="LocalCodecWork"/>) may go.
    /// </summary>
    private void DeliverDecoded()
    {
        var any = false;
        while (_decoding.TryTakeDecoded(out var job, out var decoded))
        {
            any = true;
            var now = _clock.Now;
            var (port, answered) = (job.Port, job.AnsweredEarly);
            Envelope? envelope = null;
            if (!answered)
            {
                envelope = _replies.RentEnvelope();
                job.Envelope.CopyTo(envelope);
            }
            Deliver(port, job.Frame, decoded, job.Message, job.Length, envelope, now, job.Jpeg, job.Compression.ColorSpace, wakeAfterAnswer: false);
            _decoding.Return(job);
            if (_onWorkers.TryGetValue(port, out var onWorkers)) _onWorkers[port] = onWorkers - 1;
            _ahead?.Delivered(port, now);
        }
        if (any) _replies.ReleaseHeld();
    }

    /// <summary>
    /// Queues a decoded frame (or counts it malformed) and answers its server, now or when there is room; a null
    /// <paramref name="envelope"/>: answered already (<see cref="DecodeAhead"/>, or before a decode on this thread).
    /// With <paramref name="wakeAfterAnswer"/> (a frame decoded on this thread: <see cref="LocalCodecWork.DecodesHere"/>)
    /// a waiting reader is woken after the answer has gone out, if it goes out here (with return data it does), not
    /// before. Its server is on this machine, and the answer wakes libzmq's I/O thread, then the server, which encodes its
    /// next frame; woken first, the reader waited for a processor behind that chain, about the length of the encode
    /// (docs/performance.md, "Thirty-fourth session"). Other frames wake the reader first: with raw frames that was
    /// faster, and with the decode workers' frames (8 JPEG servers) it made no difference.
    /// </summary>
    private void Deliver(int port, Frame? frame, HeaderParseResult decoded, byte[]? message, int payloadLength, Envelope? envelope, long now, byte[]? jpeg,
        JpegColorSpace? jpegColorSpace, bool wakeAfterAnswer)
    {
        if (frame is null)
        {
            _servers.Malformed(port, decoded.Error!.Value, decoded.Reason, now);
            if (envelope is not null) _replies.Acknowledge(envelope);
            return;
        }

        var registry = _servers.Registry;
        var sequence = registry.OnFrame(port, payloadLength, message, now);
        var packet = new NetGearPacket(port, frame, message, _clock.UtcNow, sequence, _settings.Json, jpeg, jpegColorSpace);
        if (!_queue.TryEnqueue(port, packet, out var dropped, wake: !wakeAfterAnswer)) packet.Dispose();
        try
        {
            if (dropped is not null)
            {
                dropped.Dispose();
                registry.OnDropped(port);
            }
            if (envelope is not null) _replies.AnswerFrame(port, payloadLength, envelope, now);
        }
        finally
        {
            if (wakeAfterAnswer) WakeReaderThenYield();
        }
    }

    /// <summary>
    /// Wakes a waiting reader for a frame decoded here (after its answer: <see cref="Deliver"/>) and, while frames are
    /// left for it, gives this thread's processor away once (<see cref="Thread.Yield"/>) before the next decode. Both
    /// processors are busy then: this thread decodes one local server's frame while the other server encodes, and a woken
    /// reader that found neither free waited a whole encode or decode (0.7 ms) for one, and now and then fell into
    /// reading every second frame, two at a time (docs/performance.md, "Thirty-fifth session"). The yield costs nothing
    /// when nothing else waits for this processor.
    /// </summary>
    private void WakeReaderThenYield()
    {
        if (!_queue.Wake()) return;
        Interlocked.Increment(ref _yields);
        Thread.Yield();
    }

    /// <summary>A goodbye naming <paramref name="named"/>, arrived on <paramref name="arrivedOn"/> (null: unknown).</summary>
    private void Terminate(int? named, int? arrivedOn)
    {
        var envelope = _reader.Envelope;
        var port = _servers.TerminatingPort(named);
        if (port is { } claimed && _servers.Registry.Contains(claimed) && _servers.SpeaksForAnother(arrivedOn, claimed, _clock.Now))
        {
            // A goodbye counts only from the endpoint of the port it names; the sender still gets its answer.
            _replies.Say(envelope, Replies.TerminateMulti);
            return;
        }
        if (port is { } known) _replies.Left(known);
        if (port is { } listed && _servers.Registry.OnTerminate(listed))
        {
            _replies.Say(envelope, _settings.MultiServer ? Replies.TerminateMulti : Replies.TerminateSingle);
            _servers.PublishEvents();
            return;
        }
        _servers.Malformed(null, port is null ? MalformedKind.BadHeaderField : MalformedKind.UnknownPort,
            port is null ? "terminate message without a port" : $"terminate from port {port}, which is not in the client's list", _clock.Now);
        _replies.Say(envelope, Replies.TerminateMulti);
    }

    /// <summary>
    /// Stops the thread and waits for it (bounded), runs the handlers still queued, then releases the socket, unless the
    /// receive thread is still running (it did not end within the wait, or this is it: a return-data callback that
    /// disposes the client): the thread releases it as it ends. The socket and the decoders are not thread-safe, and
    /// closing them under a running receive thread could crash in native code.
    /// </summary>
    public void Dispose()
    {
        _stop = true;
        var ended = _thread is null || (_thread != Thread.CurrentThread && _thread.Join(TimeSpan.FromSeconds(5)));
        _dispatcher.Dispose();
        _completion.TrySetResult(ClientEndReason.Disposed);
        _queue.Complete();
        if (ended) ReleaseTransport();
        else if (_thread != Thread.CurrentThread) _settings.Logger.ReceiveThreadStillRunning();
    }
}
