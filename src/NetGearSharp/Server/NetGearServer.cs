using NetGearSharp.Codecs;
using NetGearSharp.Logging;
using NetGearSharp.Protocol;

namespace NetGearSharp;

/// <summary>
/// The sending side (a camera box): connects to the client and sends frames, each with an optional JSON message.
/// Wire-compatible with VidGear's <c>NetGear</c> in send mode. Thread-safe: concurrent sends are serialised.
/// </summary>
/// <example>
/// <code>
/// await using var server = new NetGearServer(new NetGearServerOptions { Address = "192.168.1.10", Port = 5566 });
/// await server.SendAsync(frame, new { temperature = 21.5 });
/// </code>
/// </example>
public sealed class NetGearServer : IDisposable, IAsyncDisposable
{
    private readonly Server.ServerSettings _settings;
    private readonly Server.IFrameSender _sender;
    private readonly HeaderWriter _headers;
    private readonly JpegEncoder? _jpeg;
    private readonly CompressionInfo? _compression;
    private readonly Lock _gate = new();
    private readonly Lock _threadGate = new();
    /// <summary>Cancelled when the server closes: ends a send in progress on another thread (see <see cref="Close()"/>).</summary>
    private readonly CancellationTokenSource _closing = new();
    private Server.SendThread? _sendThread;
    /// <summary>The close that <see cref="CloseAsync"/> queued, awaited by every later call.</summary>
    private Task<bool>? _closeTask;
    private readonly Server.ReturnDataReader? _returns;
    private long _framesSent;
    private long _bytesSent;
    private bool _closed;
    /// <summary>How the close went, once it is over: <see cref="Unknown"/> until then, then <see cref="Acknowledged"/> or <see cref="NotAcknowledged"/> (an abort too).</summary>
    private int _closeOutcome;
    private const int Unknown = 0, Acknowledged = 1, NotAcknowledged = 2;

    /// <summary>Validates the options and connects to the client (the connection completes in the background).</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and what is allowed.</exception>
    /// <exception cref="JpegUnavailableException">JPEG is on but libturbojpeg cannot be loaded.</exception>
    public NetGearServer(NetGearServerOptions options)
    {
        _settings = Server.ServerSettings.From(options);
        _headers = new HeaderWriter(_settings.MultiServer ? _settings.PortName : null, _settings.Pattern, _settings.Json);
        if (_settings.Jpeg.Enabled)
        {
            _jpeg = new JpegEncoder(_settings.Jpeg);
            _compression = new CompressionInfo(_settings.Jpeg.FastDct, _settings.Jpeg.FastUpsample, _settings.Jpeg.ColorSpace);
        }
        if (_settings.ReturnsData) _returns = new Server.ReturnDataReader(_settings);
        try
        {
            _sender = _settings.Pattern == NetGearPattern.PubSub
                ? new Server.PublishingSender(_settings)
                : new Server.AcknowledgedSender(_settings);
        }
        catch
        {
            _jpeg?.Dispose();
            _returns?.Dispose();
            throw;
        }
        _settings.Logger.ServerConnecting(_settings.PortName, _settings.Endpoint, _settings.Pattern, _jpeg is null ? "" : ", JPEG");
    }

    /// <summary>This server's port as sent on the wire.</summary>
    public int Port => _settings.Port;

    /// <summary>The endpoint this server connects to, e.g. <c>tcp://localhost:5566</c>.</summary>
    public string Endpoint => _settings.Endpoint;

    /// <summary>Frames sent so far (in Request/Reply: acknowledged).</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Payload bytes sent so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>
    /// Sends a frame with an optional message (any JSON-serialisable value; null for none). In Request/Reply it
    /// returns once the client has acknowledged the frame, retrying as configured. A raw frame may be any NumPy-like
    /// array (an image, a 1-D array, a 0-D value, an empty array), as VidGear's <c>send()</c> takes; JPEG takes images.
    /// </summary>
    /// <returns>
    /// In bidirectional or multi-client mode (Pair, Request/Reply): what the client sent back with its answer (in
    /// multi-client mode with the answering client's port); null otherwise, and when the answer carried no readable
    /// return data (logged).
    /// </returns>
    /// <exception cref="ArgumentException">The frame cannot be sent with these options (e.g. JPEG of a float frame), or the
    /// message is too long: a frame's header, with its message, may be at most 1 MiB, the most a client reads.</exception>
    /// <exception cref="NetGearException">The client did not answer after the retries.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled, also while this send waited for another
    /// one (on another thread) to finish: it ends within about 100 ms.</exception>
    /// <exception cref="ObjectDisposedException">The server is closed, or was closed (<see cref="Close()"/>,
    /// <see cref="Dispose"/>, <see cref="Abort"/> from another thread) while this send waited for the client: the send
    /// ends within about 100 ms, and the client may or may not have the frame.</exception>
    public NetGearReply? Send(Frame frame, object? message = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed), this); // at once, not after a close that holds the lock
        EnterGate(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            cancellationToken.ThrowIfCancellationRequested(); // cancelled while another send held the server: the frame is not read
            ReadOnlyMemory<byte> payload;
            ReadOnlyMemory<byte> header;
            if (_jpeg is not null)
            {
                payload = _jpeg.Encode(frame);
                header = _headers.WriteFrame(message, ElementType.UInt8, frame.Shape, _compression);
            }
            else
            {
                payload = frame.Memory;
                header = _headers.WriteFrame(message, frame.ElementType, frame.Shape, null);
            }
            var reply = SendClosable(header.Span, payload, cancellationToken);
            _framesSent++;
            _bytesSent += payload.Length;
            return reply is null ? null : _returns!.Read(reply);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>How often a send waiting for another one to finish looks at its token.</summary>
    private static readonly TimeSpan GateSlice = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Takes the server for one send; with a token that can be cancelled, in slices, so that a send waiting behind
    /// another (which may wait for a client for a long time) ends on its token within about 100 ms.
    /// </summary>
    private void EnterGate(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            _gate.Enter();
            return;
        }
        while (!_gate.TryEnter(GateSlice)) cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Sends a frame with an optional message; see <see cref="Send"/>. Awaits without holding a thread-pool thread: the
    /// work (and in Request/Reply the wait for the client's reply) runs on this server's own send thread, started on
    /// the first asynchronous call. Sends (synchronous and asynchronous) go out one at a time, in the order they were
    /// made. Keep the frame unchanged until the task completes.
    /// </summary>
    /// <returns>What the client returned with its answer (bidirectional or multi-client mode); otherwise null.</returns>
    /// <exception cref="ArgumentException">The frame cannot be sent with these options (e.g. JPEG of a float frame), or the
    /// message is too long: a frame's header, with its message, may be at most 1 MiB, the most a client reads.</exception>
    /// <exception cref="NetGearException">The client did not answer after the retries.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled: a send still queued behind others ends at
    /// once and its frame is not read; one under way stops within about 100 ms.</exception>
    /// <exception cref="ObjectDisposedException">The server is closed, or its close was asked (<see cref="CloseAsync"/>,
    /// <see cref="DisposeAsync"/>): the task fails at once and the frame is not sent.</exception>
    public ValueTask<NetGearReply?> SendAsync(Frame frame, object? message = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<NetGearReply?>(cancellationToken);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed), this); // without the lock: a send may hold it
        // A send still queued behind others when its token is cancelled ends at once, without reading the frame.
        var sending = SendThread().TryRun(() => Send(frame, message, cancellationToken), cancellationToken);
        return sending is null ? ValueTask.FromException<NetGearReply?>(Closing()) : new(sending);
    }

    /// <summary>What a send made after the close was asked for ends with (the close may still be under way).</summary>
    private ObjectDisposedException Closing()
        => new(nameof(NetGearServer), $"The server for port {_settings.PortName} is closing or closed (CloseAsync or DisposeAsync was called); the frame was not sent.");

    /// <summary>Sends through the sender, ended by the caller's token or by the server's close, whichever comes first.</summary>
    private IReadOnlyList<byte[]>? SendClosable(ReadOnlySpan<byte> header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // A token that cannot be cancelled (the usual case) costs no linked source per frame.
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token) : null;
        try
        {
            return _sender.Send(header, payload, linked?.Token ?? _closing.Token);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(NetGearServer),
                $"The server for port {_settings.PortName} was closed while a frame waited for the client; the client may or may not have it.");
        }
    }

    private Server.SendThread SendThread()
    {
        lock (_threadGate)
        {
            if (_sendThread is not null) return _sendThread;
            _sendThread = new Server.SendThread($"NetGearServer send {_settings.PortName}");
            // Closed meanwhile (set before EndSendThread, which takes this lock): the thread ends at once and takes no work.
            if (Volatile.Read(ref _closed)) _sendThread.Complete();
            return _sendThread;
        }
    }

    /// <summary>
    /// Says goodbye: sends the terminate message (in Request/Reply waiting up to a fifth of the request timeout, at most
    /// 2 s, for a connection, then as long for the client's answer; at most 0.2 s for a connection while no client has
    /// ever answered) and closes the socket. Called by <see cref="Dispose"/>; safe to call twice. A send in
    /// progress on another thread (waiting for the client's reply, or for a client at all) ends first, within about
    /// 100 ms, with <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <returns>True when the client acknowledged the goodbye (always true for Publish/Subscribe). A later call, or
    /// one made while the close is under way, returns the same (false after <see cref="Abort"/>).</returns>
    public bool Close() => Close(CancellationToken.None);

    /// <summary>
    /// Says goodbye and closes, as <see cref="Close()"/>, awaiting on this server's send thread (after the sends
    /// queued before it, which keep their order and complete) instead of blocking the caller.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait: the sends still queued or waiting for the client end with
    /// <see cref="ObjectDisposedException"/>, and the goodbye is not sent, or its acknowledgement not awaited (false is
    /// returned); the server is closed either way.</param>
    /// <returns>True when the client acknowledged the goodbye (always true for Publish/Subscribe). A later call, or
    /// one made while the close is under way, returns the same (false after <see cref="Abort"/>).</returns>
    public async ValueTask<bool> CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Outcome() is { } done) return done; // without the lock: a send may hold it
        using var ending = cancellationToken.UnsafeRegister(static state => ((NetGearServer)state!).CancelSends(), this);
        var thread = SendThread();
        Task<bool> closing;
        lock (_threadGate)
        {
            // A second call awaits the first one's close; none runs on the caller's thread. The thread refuses the work
            // only when the server was closed synchronously meanwhile.
            closing = _closeTask ??= thread.TryRun(() => Close(cancellationToken), last: true) ?? AfterSyncClose();
        }
        return await closing.ConfigureAwait(false);
    }

    /// <summary>How the close went; null until it is over.</summary>
    private bool? Outcome() => Volatile.Read(ref _closeOutcome) switch
    {
        Acknowledged => true,
        NotAcknowledged => false,
        _ => null,
    };

    /// <summary>
    /// The outcome of a close (or abort) made synchronously on another thread, which the send thread refused to run
    /// after: a pool thread waits for it to end (it holds the lock meanwhile).
    /// </summary>
    private Task<bool> AfterSyncClose()
        => Outcome() is { } done ? Task.FromResult(done) : Task.Run(() => Close(CancellationToken.None));

    /// <summary>Ends a send in progress, or queued, with <see cref="ObjectDisposedException"/> (the server is closing).</summary>
    private void CancelSends() => _closing.Cancel();

    private bool Close(CancellationToken cancellationToken)
    {
        if (Outcome() is { } done) return done;
        CancelSends(); // a send on another thread holds the lock until it ends
        lock (_gate)
        {
            // Closed already: the close that holds the lock until it is over has set the outcome.
            if (_closed) return Outcome() ?? false;
            Volatile.Write(ref _closed, true);
            var acknowledged = false;
            try
            {
                acknowledged = _sender.SendTerminate(_headers.WriteTerminate().Span, cancellationToken);
                _settings.Logger.ServerClosed(_settings.PortName, _framesSent, acknowledged ? "client acknowledged" : "no acknowledgement");
            }
            finally
            {
                _sender.Dispose();
                _jpeg?.Dispose();
                EndSendThread();
                _returns?.Dispose();
                Volatile.Write(ref _closeOutcome, acknowledged ? Acknowledged : NotAcknowledged);
            }
            return acknowledged;
        }
    }

    /// <summary>
    /// Closes without the goodbye: the client sees this server as lost, as after a crash. For tests and tools. A send in
    /// progress on another thread ends first, as with <see cref="Close()"/>.
    /// </summary>
    public void Abort()
    {
        if (Volatile.Read(ref _closed)) return;
        CancelSends();
        lock (_gate)
        {
            if (_closed) return;
            Volatile.Write(ref _closed, true);
            _sender.Dispose();
            _jpeg?.Dispose();
            EndSendThread();
            _returns?.Dispose();
            Volatile.Write(ref _closeOutcome, NotAcknowledged);
        }
    }

    private void EndSendThread()
    {
        lock (_threadGate) _sendThread?.Complete();
    }

    /// <summary>Closes the server (with the goodbye).</summary>
    public void Dispose() => Close();

    /// <summary>
    /// Closes the server (with the goodbye) on its send thread, as <see cref="CloseAsync"/> does, but as promptly as
    /// <see cref="Dispose"/>: sends still queued or waiting for the client end first, within about 100 ms, with
    /// <see cref="ObjectDisposedException"/> (a send waiting for a client that never comes would otherwise keep it for ever).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _closed)) return;
        CancelSends();
        await CloseAsync().ConfigureAwait(false);
    }
}
