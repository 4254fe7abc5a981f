using Microsoft.Extensions.Logging;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;
using NetGearSharp.Transport;

namespace NetGearSharp.Client;

/// <summary>
/// The client's receive thread: owns the socket, reads messages, answers them, decodes frames into the fair queue,
/// follows connection events and decides when the client ends. Nothing a peer sends can make it throw.
/// </summary>
internal sealed class ReceiveLoop : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    /// <summary>With replies held, how often to look for room (grants lapse, the application takes frames).</summary>
    private static readonly TimeSpan HeldPollInterval = TimeSpan.FromMilliseconds(1);
    /// <summary>Flow control (see <see cref="ReplyWindow"/>): no arrival for this long lapses every grant.</summary>
    private static readonly TimeSpan GrantIdleGap = TimeSpan.FromMilliseconds(10);
    /// <summary>Flow control: the longest one grant counts if its frame does not arrive.</summary>
    private static readonly TimeSpan GrantMaxAge = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PartWait = TimeSpan.FromSeconds(1);
    /// <summary>How often every server's state (stale, lost) and the end conditions are checked.</summary>
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(10);
    private const int BurstSize = 64;
    private const int MaxHeaderBytes = 1024 * 1024;

    private readonly ClientSettings _settings;
    private readonly ITransportSocket _socket;
    private readonly IReplyStrategy _strategy;
    private readonly ServerRegistry _registry;
    private readonly FairQueue<NetGearPacket> _queue;
    private readonly PayloadDecoder _decoder;
    private readonly Action<ServerEventArgs> _raise;
    private readonly LogLimiter _limiter;
    private readonly byte[] _ack;
    private readonly Envelope _envelope = new();
    private readonly List<(string Port, long Bytes, Envelope Envelope)> _deferred = [];
    private readonly ReplyWindow _window;
    /// <summary>JPEG decoding off this thread; null: decode here.</summary>
    private readonly DecodeWorkers? _workers;
    private readonly Stack<Envelope> _spareEnvelopes = new();
    /// <summary>Servers that have sent a frame since they connected (their first one arrives unasked).</summary>
    private readonly HashSet<string> _sentSinceConnecting = new(StringComparer.Ordinal);
    private readonly List<ServerEventArgs> _events = [];
    /// <summary>The port each connection arrived on (where the transport tells): a header must name its own port.</summary>
    private readonly ConnectionPorts _connections = new();
    private readonly TaskCompletionSource<ClientEndReason> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startTicks = ServerRegistry.Now;
    private byte[] _header = new byte[4096];
    private Thread? _thread;
    private volatile bool _stop;
    private bool _jpegMissingLogged;
    private long _nextScanTicks;

    public ReceiveLoop(ClientSettings settings, ITransportSocket socket, ServerRegistry registry, FairQueue<NetGearPacket> queue,
        Action<ServerEventArgs> raise, string deviceId)
    {
        _settings = settings;
        _socket = socket;
        _registry = registry;
        _queue = queue;
        _raise = raise;
        _strategy = settings.Pattern switch
        {
            NetGearPattern.ReqRep => new RouterReplyStrategy(),
            NetGearPattern.Pair => new PairReplyStrategy(),
            _ => new SubscriberReplyStrategy(),
        };
        _window = new ReplyWindow(settings.MaxBytesInFlight, GrantIdleGap, GrantMaxAge, queue);
        _decoder = new PayloadDecoder(settings.MaxFrameBytes, settings.JpegFastDct, settings.JpegFastUpsample);
        // Answer-after-decode patterns only: frames of one server then never overtake each other.
        if (settings.JpegDecodeThreads > 1 && settings.Pattern != NetGearPattern.PubSub && socket.EnableWakeUp())
            _workers = new DecodeWorkers(settings.JpegDecodeThreads, settings.MaxFrameBytes, settings.JpegFastDct,
                settings.JpegFastUpsample, socket.WakeUp);
        _limiter = new LogLimiter(settings.Logger, TimeSpan.FromSeconds(10));
        _ack = Replies.FrameAck(deviceId);
    }

    public Task<ClientEndReason> Completion => _completion.Task;

    /// <summary>Whether flow control asks for frames (answers under a budget), so a server's first frame is the unasked one.</summary>
    private bool BoundsUnaskedFrames => _strategy.Replies && _window.Limits;

    public void Start()
    {
        // Every server's first frame arrives unasked.
        if (BoundsUnaskedFrames) _socket.ExpectUnaskedFrames();
        _thread = new Thread(Run) { IsBackground = true, Name = "NetGearClient receive" };
        _thread.Start();
    }

    private void Run()
    {
        try
        {
            while (!_stop)
            {
                Housekeeping();
                if (_completion.Task.IsCompleted) return;
                // Held replies are released as grants lapse and as the application takes frames: look again soon.
                var timeout = _window.HeldCount > 0 ? HeldPollInterval : PollInterval;
                for (var i = 0; i < BurstSize && !_stop; i++)
                {
                    DeliverDecoded();
                    if (!ReceiveOne(timeout))
                    {
                        _window.SawNothing(ServerRegistry.Now);
                        break;
                    }
                    timeout = TimeSpan.Zero;
                }
            }
        }
        catch (Exception ex)
        {
            // Only a bug or a broken transport gets here: no peer input throws.
            _settings.Logger.LogCritical(ex, "The receive loop failed; the client stops");
            _completion.TrySetException(new NetGearException("The client's receive loop failed: " + ex.Message, ex));
        }
        finally
        {
            _completion.TrySetResult(ClientEndReason.Disposed);
            _queue.Complete();
        }
    }

    private void Housekeeping()
    {
        var now = ServerRegistry.Now;
        TakeTransportEvents(now);
        // Every server's state and the end conditions are looked at every ScanInterval, not on every wake-up (every
        // millisecond while replies are held).
        var scan = now >= _nextScanTicks;
        if (scan)
        {
            _nextScanTicks = now + ScanInterval.Ticks;
            _registry.Tick(now);
        }
        RaiseEvents();
        FlushDeferred();
        ReleaseHeld();

        if (!scan) return;
        if (_settings.AutoExit && _registry.AllGone(_settings.WaitForAllServers)) End(ClientEndReason.AllServersGone);
        else if (_settings.WaitForFirstServer != Timeout.InfiniteTimeSpan && !_registry.AnyEverActive
                 && now - _startTicks >= _settings.WaitForFirstServer.Ticks) End(ClientEndReason.NoServerInTime);
        else if (_settings.SubscriberTimeout != Timeout.InfiniteTimeSpan && _registry.LastFrameTicks is var last and > 0
                 && now - last >= _settings.SubscriberTimeout.Ticks) End(ClientEndReason.SubscriberTimeout);
    }

    private void TakeTransportEvents(long now)
    {
        while (_socket.TryGetEvent(out var ev))
        {
            var port = Endpoints.PortOf(ev.Endpoint);
            if (port is null) continue;
            if (ev.Kind == TransportEventKind.Accepted)
            {
                _registry.OnAccepted(port);
                _connections.Accepted(ev.Connection, port);
            }
            else if (ev.Kind is TransportEventKind.HandshakeSucceeded or TransportEventKind.HandshakeFailed)
                _registry.OnHandshake(port, ev.Kind == TransportEventKind.HandshakeSucceeded);
            else if (ev.Kind == TransportEventKind.Disconnected)
            {
                _connections.Disconnected(ev.Connection, port);
                _registry.OnDisconnected(port, now);
                _window.Left(port);
                _sentSinceConnecting.Remove(port);
            }
        }
    }

    /// <summary>The listed port the part received last arrived on; null where the transport cannot tell.</summary>
    private string? ArrivalPort()
    {
        var connection = _socket.LastPartConnection;
        if (connection < 0) return null;
        var port = _connections.PortOf(connection);
        if (port is not null) return port;
        // A new connection's first message can be read before its accepted event: take the events, look again.
        TakeTransportEvents(ServerRegistry.Now);
        return _connections.PortOf(connection);
    }

    /// <summary>
    /// True (and counted on the arrival port) when a header names another port than the one its message arrived on:
    /// a peer on one server's port cannot speak for another.
    /// </summary>
    private bool SpeaksForAnother(string? arrivedOn, string? named, long now)
    {
        if (arrivedOn is null || named is null || arrivedOn == named || !_settings.MultiServer) return false;
        Malformed(arrivedOn, MalformedKind.PortMismatch, $"the header names port {named} but the message arrived on port {arrivedOn}", now);
        return true;
    }

    private void End(ClientEndReason reason)
    {
        _settings.Logger.LogInformation("Client ends: {Reason}", reason);
        _completion.TrySetResult(reason);
        _queue.Complete();
    }

    private void RaiseEvents()
    {
        _registry.TakeEvents(_events);
        foreach (var e in _events)
        {
            _settings.Logger.LogInformation("Server {Port}: {Previous} -> {Current}", e.Port, e.Previous, e.Current);
            try
            {
                _raise(e);
            }
            catch (Exception ex)
            {
                _settings.Logger.LogError(ex, "A server event handler threw; ignored");
            }
        }
        _events.Clear();
    }

    private void FlushDeferred()
    {
        for (var i = _deferred.Count - 1; i >= 0; i--)
        {
            var (port, bytes, envelope) = _deferred[i];
            if (_queue.IsFull(port) && !_queue.IsCompleted) continue;
            _deferred.RemoveAt(i);
            // Now the flow-control window decides, as for any answer (and its next frame arrives asked for).
            if (_window.TryGrant(port, bytes, ServerRegistry.Now))
            {
                _strategy.Reply(_socket, envelope, _ack);
                _spareEnvelopes.Push(envelope);
            }
            else
            {
                _window.Hold(port, bytes, envelope);
                _registry.OnReplyHeld();
            }
        }
    }

    /// <summary>Handles one message. False when nothing arrived in time.</summary>
    private bool ReceiveOne(TimeSpan timeout)
    {
        var status = _strategy.ReceiveHeader(_socket, timeout, _envelope, out var headerPart, out var more);
        if (status == ReceiveStatus.Nothing) return false;
        var now = ServerRegistry.Now;
        if (status == ReceiveStatus.BadEnvelope)
        {
            Malformed(null, MalformedKind.WrongPartCount, "the message had no routing envelope", now);
            return true;
        }
        if (headerPart.Length > MaxHeaderBytes)
        {
            Drain(more);
            Malformed(null, MalformedKind.HeaderTooLarge, $"header of {headerPart.Length} bytes is larger than {MaxHeaderBytes}", now);
            Acknowledge();
            return true;
        }
        // The header must outlive the next receive: keep a copy.
        if (_header.Length < headerPart.Length) _header = new byte[Math.Max(headerPart.Length, _header.Length * 2)];
        headerPart.CopyTo(_header);
        var headerBytes = _header.AsSpan(0, headerPart.Length);
        var parsed = HeaderReader.Parse(headerBytes, out var header, out var namedPort);
        var arrivedOn = ArrivalPort();

        if (!more)
        {
            if (parsed.Success && header.Terminate) HandleTerminate(header.Port, now, arrivedOn);
            else
            {
                Malformed(namedPort, parsed.Error ?? MalformedKind.WrongPartCount, parsed.Reason ?? "a frame message without its frame part", now);
                Acknowledge();
            }
            return true;
        }

        if (!_socket.TryReceive(PartWait, out var payload, out var payloadMore))
        {
            Malformed(namedPort, MalformedKind.WrongPartCount, "the frame part did not follow the header", now);
            return true;
        }
        if (payloadMore)
        {
            Drain(payloadMore);
            Malformed(namedPort, MalformedKind.WrongPartCount, "more than two parts", now);
            Acknowledge();
            return true;
        }
        if (!parsed.Success)
        {
            Malformed(namedPort, parsed.Error!.Value, parsed.Reason, now);
            Acknowledge();
            return true;
        }
        if (header.Terminate)
        {
            HandleTerminate(header.Port, now, arrivedOn);
            return true;
        }

        var port = ResolvePort(header.Port, now);
        if (port is null || SpeaksForAnother(arrivedOn, port, now))
        {
            Acknowledge();
            return true;
        }
        _window.Arrived(port, now);
        // A server's first frame since it connected comes unasked: hundreds at once when a fleet starts.
        if (BoundsUnaskedFrames && _sentSinceConnecting.Add(port)) _socket.ExpectUnaskedFrames();
        if (_settings.Filter is { } filter && !filter.Contains(port))
        {
            _registry.OnFiltered(port);
            Acknowledge();
            return true;
        }

        var message = header.Message.IsEmpty ? null : header.Message.ToArray();
        if (_workers is not null && header.Compression is { } compression && _decoder.JpegReady)
        {
            // Decoded on a worker; delivered and answered by DeliverDecoded when done.
            var job = _workers.Rent();
            _envelope.CopyTo(job.Envelope);
            _workers.Submit(job, port, payload, compression, message);
            return true;
        }

        Frame? frame;
        HeaderParseResult decoded;
        try
        {
            // The payload is the last part received: a large raw one is taken over from libzmq, not copied.
            var declinedBefore = _decoder.TakeOverDeclined;
            frame = _decoder.Decode(header, payload, out decoded, _socket);
            if (declinedBefore == 0 && _decoder.TakeOverDeclined == 1)
                _settings.Logger.LogWarning("More than {Limit} MB of received frames are not disposed; further frames are copied into pooled memory. Dispose each packet (or frame) when done with it, unless you keep them on purpose.",
                    Transport.Native.ZmqPartOwner.LiveLimitBytes / (1024 * 1024));
        }
        catch (JpegUnavailableException ex)
        {
            if (!_jpegMissingLogged) _settings.Logger.LogError("{Message}", ex.Message);
            _jpegMissingLogged = true;
            frame = null;
            decoded = HeaderParseResult.Fail(MalformedKind.CorruptJpeg, "JPEG frames arrive but libturbojpeg is not installed");
        }
        Deliver(port, frame, decoded, message, payload.Length, _envelope, now);
        return true;
    }

    /// <summary>Delivers and answers the frames the decode workers have finished.</summary>
    private void DeliverDecoded()
    {
        if (_workers is null) return;
        while (_workers.TryTakeDone(out var job))
        {
            var now = ServerRegistry.Now;
            var decoded = job.Result;
            if (job.JpegMissing is { } missing)
            {
                if (!_jpegMissingLogged) _settings.Logger.LogError("{Message}", missing.Message);
                _jpegMissingLogged = true;
                decoded = HeaderParseResult.Fail(MalformedKind.CorruptJpeg, "JPEG frames arrive but libturbojpeg is not installed");
            }
            var envelope = _spareEnvelopes.Count > 0 ? _spareEnvelopes.Pop() : new Envelope();
            job.Envelope.CopyTo(envelope);
            Deliver(job.Port, job.Frame, decoded, job.Message, job.Length, envelope, now);
            _workers.Return(job);
        }
    }

    /// <summary>
    /// Queues a decoded frame (or counts it malformed) and answers its server, now or when there is room.
    /// <paramref name="envelope"/> is the current message's or one of the spares (kept or returned here).
    /// </summary>
    private void Deliver(string port, Frame? frame, HeaderParseResult decoded, byte[]? message, int payloadLength, Envelope envelope, long now)
    {
        if (frame is null)
        {
            Malformed(port, decoded.Error!.Value, decoded.Reason, now);
            Answer(envelope);
            return;
        }

        var sequence = _registry.OnFrame(port, payloadLength, message, now);
        var packet = new NetGearPacket(port, frame, message, DateTimeOffset.UtcNow, sequence, _settings.Json);
        if (!_queue.TryEnqueue(port, packet, out var dropped))
        {
            packet.Dispose();
        }
        if (dropped is not null)
        {
            dropped.Dispose();
            _registry.OnDropped(port);
        }

        if (_strategy.Replies && !_settings.DropOldest && _queue.IsFull(port))
        {
            // Backpressure: the reply waits until this server's queue has room; its next frame waits with it.
            _deferred.Add((port, payloadLength, Keep(envelope)));
        }
        else if (_strategy.Replies && !_window.TryGrant(port, payloadLength, now))
        {
            // Flow control: this server's next frame would only wait in memory; its reply goes out when there is room.
            _window.Hold(port, payloadLength, Keep(envelope));
            _registry.OnReplyHeld();
        }
        else
        {
            Answer(envelope);
        }
        ReleaseHeld();
    }

    /// <summary>An envelope that outlives this message: the current one is copied, a spare is kept as it is.</summary>
    private Envelope Keep(Envelope envelope)
    {
        if (!ReferenceEquals(envelope, _envelope)) return envelope;
        var held = _spareEnvelopes.Count > 0 ? _spareEnvelopes.Pop() : new Envelope();
        _envelope.CopyTo(held);
        return held;
    }

    /// <summary>Sends the frame acknowledgement with this envelope (a spare goes back to the spares).</summary>
    private void Answer(Envelope envelope)
    {
        _strategy.Reply(_socket, envelope, _ack);
        if (!ReferenceEquals(envelope, _envelope)) _spareEnvelopes.Push(envelope);
    }

    /// <summary>Answers held servers while the window has room.</summary>
    private void ReleaseHeld()
    {
        if (_window.HeldCount == 0) return; // the common case, on every frame: no clock read
        var now = ServerRegistry.Now;
        while (_window.TryRelease(now, out var envelope))
        {
            _strategy.Reply(_socket, envelope, _ack);
            _spareEnvelopes.Push(envelope);
        }
    }

    private string? ResolvePort(string? named, long now)
    {
        if (!_settings.MultiServer) return _settings.Ports[0];
        if (named is null)
        {
            Malformed(null, MalformedKind.BadHeaderField, "port is missing in multi-server mode", now);
            return null;
        }
        if (!_registry.Contains(named))
        {
            Malformed(null, MalformedKind.UnknownPort, $"port {named} is not in the client's list", now);
            return null;
        }
        return named;
    }

    private void HandleTerminate(string? named, long now, string? arrivedOn)
    {
        var port = _settings.MultiServer ? named : _settings.Ports[0];
        if (port is not null && _registry.Contains(port) && SpeaksForAnother(arrivedOn, port, now))
        {
            // A goodbye counts only from the endpoint of the port it names; the sender still gets its answer.
            _strategy.Reply(_socket, _envelope, Replies.TerminateMulti);
            return;
        }
        if (port is not null) _window.Left(port);
        if (port is not null && _registry.OnTerminate(port))
        {
            _strategy.Reply(_socket, _envelope, _settings.MultiServer ? Replies.TerminateMulti : Replies.TerminateSingle);
            RaiseEvents();
            return;
        }
        Malformed(null, port is null ? MalformedKind.BadHeaderField : MalformedKind.UnknownPort,
            port is null ? "terminate message without a port" : $"terminate from port {port}, which is not in the client's list", now);
        _strategy.Reply(_socket, _envelope, Replies.TerminateMulti);
    }

    private void Acknowledge() => _strategy.Reply(_socket, _envelope, _ack);

    private void Malformed(string? port, MalformedKind kind, string? reason, long now)
    {
        var known = port is not null && _registry.Contains(port) ? port : null;
        _registry.OnMalformed(known, kind);
        _limiter.Malformed(kind, port, reason, now);
    }

    private void Drain(bool more)
    {
        while (more && _socket.TryReceive(PartWait, out _, out more)) { }
    }

    /// <summary>Stops the thread and waits for it (bounded), then releases the socket.</summary>
    public void Dispose()
    {
        _stop = true;
        if (_thread is not null && _thread != Thread.CurrentThread) _thread.Join(TimeSpan.FromSeconds(5));
        _completion.TrySetResult(ClientEndReason.Disposed);
        _queue.Complete();
        _workers?.Dispose();
        _socket.Dispose();
        _decoder.Dispose();
    }
}
