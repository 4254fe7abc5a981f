using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NetGearSharp.Logging;
using NATS.Client.JetStream;
using NetGearSharp.Codecs;
using NetGearSharp.Nats.Connection;
using NetGearSharp.Nats.Logging;
using NetGearSharp.Nats.Forwarding;
using NetGearSharp.Nats.JetStream;
using NetGearSharp.Nats.Wire;
using NetGearSharp.Protocol;

namespace NetGearSharp.Nats;

/// <summary>
/// Publishes received packets to NATS: each frame to <c>PREFIX.&lt;port&gt;</c> (frame bytes as the payload, the
/// message and frame metadata in headers), each server state change to <c>PREFIX.&lt;port&gt;.state</c>. A bounded
/// buffer sits between the caller and NATS: <see cref="Post"/> never blocks; when NATS is slower than the frames,
/// the oldest waiting frame is dropped and counted. A server whose frames are larger than the NATS server's max payload
/// has them skipped, counted and logged (once per server, at error level); the other servers' frames go on.
/// </summary>
/// <example>
/// <code>
/// await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions { Urls = ["nats://localhost:4222"] });
/// var stats = await forwarder.ForwardAsync(client);   // until every server of the client is gone
/// </code>
/// </example>
public sealed class NatsForwarder : IAsyncDisposable
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private readonly ForwarderSettings _settings;
    private readonly NatsConnection _connection;
    private readonly NatsJSContext? _js;
    private readonly ILogger _logger;
    private readonly ForwardQueue _queue;
    private readonly ConcurrentDictionary<int, long> _droppedByPort = new();
    private readonly ConcurrentDictionary<int, long> _tooLargeByPort = new();
    private readonly ConcurrentDictionary<int, ServerState> _states = new();
    private readonly ConcurrentDictionary<int, long> _lastSequence = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _publisher;
    private readonly LinkWatch _link;
    private JpegEncoder? _jpegColour;
    private JpegEncoder? _jpegGrey;
    /// <summary>Makes this forwarder's JetStream message ids (Nats-Msg-Id) unique among forwarders and restarts.</summary>
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private long _posted, _published, _dropped, _droppedWhileDown, _failed, _abandoned, _tooLarge, _statesPublished, _statesFailed, _passedThrough, _retries;
    private int _jpegNotKeptLogged;
    private long _lastFailureLog = long.MinValue;
    private int _completed;

    private NatsForwarder(ForwarderSettings settings, NatsConnection connection, NatsJSContext? js, string? streamName, long maxPayload)
    {
        _settings = settings;
        _connection = connection;
        _js = js;
        StreamName = streamName;
        MaxPayload = maxPayload;
        _logger = GuardedLogger.For<NatsForwarder>(settings.Options.LoggerFactory);
        _queue = new ForwardQueue(settings.Options.BufferCapacity);
        _link = new LinkWatch(connection, OnLinkChanged);
        _publisher = Task.Run(PublishLoopAsync);
    }

    /// <summary>
    /// The connection to NATS was lost or is back (NATS.Net reconnects by itself; meanwhile frames wait in the buffer, the
    /// oldest dropped once it is full: <see cref="NatsForwarderStatistics.DroppedWhileLinkDown"/>). Raised on NATS.Net's
    /// event task; a handler that throws is logged.
    /// </summary>
    public event EventHandler<NatsLinkEventArgs>? LinkChanged;

    /// <summary>Whether the connection to NATS is up now.</summary>
    public bool IsLinkUp => _link.IsUp;

    /// <summary>The NATS server's max payload in bytes (from its INFO): larger frames are refused.</summary>
    public long MaxPayload { get; }

    /// <summary>The JetStream stream frames go into; null in core NATS mode.</summary>
    public string? StreamName { get; }

    /// <summary>The subject prefix.</summary>
    public string Prefix => _settings.Subjects.Prefix;

    /// <summary>Counts so far.</summary>
    public NatsForwarderStatistics Statistics => new()
    {
        Posted = Interlocked.Read(ref _posted),
        Published = Interlocked.Read(ref _published),
        Dropped = Interlocked.Read(ref _dropped),
        DroppedWhileLinkDown = Interlocked.Read(ref _droppedWhileDown),
        LinkLost = _link.Lost,
        LinkDownFor = _link.DownFor,
        Failed = Interlocked.Read(ref _failed),
        Abandoned = Interlocked.Read(ref _abandoned),
        TooLarge = Interlocked.Read(ref _tooLarge),
        TooLargeByPort = new Dictionary<int, long>(_tooLargeByPort),
        States = Interlocked.Read(ref _statesPublished),
        StatesFailed = Interlocked.Read(ref _statesFailed),
        StatesMerged = _queue.StatesMerged,
        JpegPassedThrough = Interlocked.Read(ref _passedThrough),
        PublishRetries = Interlocked.Read(ref _retries),
        Queued = _queue.FrameCount,
        DroppedByPort = new Dictionary<int, long>(_droppedByPort),
        MaxPayload = MaxPayload,
    };

    /// <summary>
    /// Connects to NATS, reads the server's max payload, creates the JetStream stream when asked, and starts publishing.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="NatsFrameTooLargeException"><see cref="NatsForwarderOptions.ExpectedFrameBytes"/> exceeds the server's max payload.</exception>
    /// <exception cref="NetGearException">No NATS server answered, or the stream could not be created.</exception>
    public static async Task<NatsForwarder> ConnectAsync(NatsForwarderOptions options, CancellationToken cancellationToken = default)
    {
        var settings = ForwarderSettings.From(options);
        var connection = await NatsConnector.ConnectAsync(options, settings.Nats, cancellationToken).ConfigureAwait(false);
        try
        {
            var maxPayload = (long)(connection.ServerInfo?.MaxPayload ?? 1024 * 1024);
            if (options.ExpectedFrameBytes is { } expected && options.Compression == NatsHopCompression.None
                && expected + PacketHeaders.EstimateBytes(0) > maxPayload)
            {
                throw new NatsFrameTooLargeException(expected + PacketHeaders.EstimateBytes(0), maxPayload);
            }
            NatsJSContext? js = null;
            string? stream = null;
            if (options.JetStream is { } jetStream)
            {
                js = new NatsJSContext(connection);
                try
                {
                    stream = await StreamSetup.EnsureAsync(js, jetStream, settings.Subjects, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NatsJSException or NatsNoRespondersException)
                {
                    // A server without JetStream has nothing listening on its API: NATS says 'no responders'.
                    throw new NetGearException($"Cannot create the JetStream stream for '{settings.Subjects.All}' (is JetStream enabled on the server, nats-server -js?): {ex.Message}", ex);
                }
            }
            return new NatsForwarder(settings, connection, js, stream, maxPayload);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Queues a copy of the packet for publishing (the caller keeps and disposes the packet). Never blocks: when the
    /// buffer is full the oldest waiting frame is dropped and counted. A packet that carries the JPEG it arrived as
    /// (<see cref="NetGearPacket.Jpeg"/>: the client was created with <see cref="NetGearClientOptions.KeepJpeg"/>) is
    /// published as those JPEG bytes, never decoded and encoded again; without them the decoded frame is published
    /// (raw, or compressed again with <see cref="NatsHopCompression.Jpeg"/>) and a warning is logged once.
    /// A frame larger than the NATS server's max payload is not queued: it is counted in
    /// <see cref="NatsForwarderStatistics.TooLarge"/> and its server's first is logged at error level, with what to do.
    /// </summary>
    /// <exception cref="InvalidOperationException">The forwarder has completed.</exception>
    public void Post(NetGearPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (Volatile.Read(ref _completed) != 0) throw new InvalidOperationException("The forwarder has completed; it forwards nothing more.");
        var passThrough = !packet.Jpeg.IsEmpty && packet.JpegColorSpace is not null;
        if (!passThrough && packet.JpegColorSpace is not null && Interlocked.Exchange(ref _jpegNotKeptLogged, 1) == 0)
        {
            _logger.ForwarderJpegNotKept(packet.Port, _settings.Options.Compression == NatsHopCompression.Jpeg ? "compressed again" : "raw");
        }
        var size = (long)(passThrough ? packet.Jpeg.Length : packet.Frame.Length) + PacketHeaders.EstimateBytes(packet.MessageUtf8.Length);
        Interlocked.Increment(ref _posted);
        _states.TryAdd(packet.Port, ServerState.Streaming);
        _lastSequence[packet.Port] = packet.Sequence;
        if (size > MaxPayload && (passThrough || !WillCompress(packet.Frame)))
        {
            RefuseTooLarge(packet.Port, size);
            return;
        }
        var dropped = _queue.AddFrame(ForwardItem.FromPacket(packet));
        if (dropped is not null)
        {
            dropped.Release();
            Interlocked.Increment(ref _dropped);
            if (!_link.IsUp) Interlocked.Increment(ref _droppedWhileDown);
            _droppedByPort.AddOrUpdate(dropped.Port, 1, (_, n) => n + 1);
        }
    }

    /// <summary>
    /// Queues a server state change for publishing. State events are not dropped; past
    /// <see cref="ForwardQueue.MaxWaitingStates"/> waiting, a server's change merges with its last one still waiting
    /// (<see cref="NatsForwarderStatistics.StatesMerged"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not a port number (1-65535).</exception>
    public void PostState(int port, ServerState previous, ServerState current)
    {
        if (port is < 1 or > 65535)
            throw new ArgumentOutOfRangeException(nameof(port), port, $"Port {port} is not a server port; allowed: 1-65535.");
        _states[port] = current;
        _queue.AddState(new ForwardItem { Port = port, IsState = true, Previous = previous, State = current, Sequence = _lastSequence.GetValueOrDefault(port) });
    }

    /// <summary>
    /// Forwards the client's state changes from now on (and its servers' current states); dispose the result to stop.
    /// </summary>
    public IDisposable Attach(NetGearClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        EventHandler<ServerEventArgs> handler = (_, e) => PostState(e.Port, e.Previous, e.Current);
        client.ServerStateChanged += handler;
        foreach (var server in client.Servers)
        {
            if (server.State != ServerState.Waiting) PostState(server.Port, ServerState.Waiting, server.State);
        }
        return new Detach(() => client.ServerStateChanged -= handler);
    }

    /// <summary>
    /// Forwards every packet and state change of <paramref name="client"/> until it ends, then completes: servers not
    /// ended yet are published as lost, and the buffer is flushed (up to <see cref="NatsForwarderOptions.FlushTimeout"/>).
    /// Create the client with <see cref="NetGearClientOptions.KeepJpeg"/> so JPEG frames go on as they came (see <see cref="Post"/>).
    /// </summary>
    /// <returns>The final counts.</returns>
    public async Task<NatsForwarderStatistics> ForwardAsync(NetGearClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using (Attach(client))
        {
            await foreach (var packet in client.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                using (packet) Post(packet);
            }
        }
        await CompleteAsync().ConfigureAwait(false);
        return Statistics;
    }

    /// <summary>
    /// Ends forwarding: servers not ended yet are published as <see cref="ServerState.Lost"/> (so workers end too),
    /// then waits for the buffer to be published (up to <see cref="NatsForwarderOptions.FlushTimeout"/>).
    /// </summary>
    public async Task CompleteAsync()
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            foreach (var (port, state) in _states)
            {
                if (state is not (ServerState.Terminated or ServerState.Lost or ServerState.Waiting)) PostState(port, state, ServerState.Lost);
            }
            _queue.Complete();
        }
        try
        {
            await _publisher.WaitAsync(_settings.Options.FlushTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // NATS is away (or too slow): the frame being published and those waiting are given up, each counted once.
            var before = Interlocked.Read(ref _abandoned);
            await _stop.CancelAsync().ConfigureAwait(false);
            try { await _publisher.ConfigureAwait(false); } catch (OperationCanceledException) { }
            AbandonWaiting();
            _logger.ForwarderFramesAbandoned(Interlocked.Read(ref _abandoned) - before, _settings.Options.FlushTimeout, _link.IsUp ? "too slow" : "unreachable");
        }
    }

    /// <summary>Takes what still waits in the buffer out and releases it, counting its frames as abandoned.</summary>
    private void AbandonWaiting()
    {
        foreach (var item in _queue.TakeAll())
        {
            if (!item.IsState) Interlocked.Increment(ref _abandoned);
            item.Release();
        }
    }

    /// <summary>Completes (flushing what is queued) and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await CompleteAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _publisher.ConfigureAwait(false); } catch (OperationCanceledException) { }
        AbandonWaiting();
        _link.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
        _jpegColour?.Dispose();
        _jpegGrey?.Dispose();
        _stop.Dispose();
    }

    private void OnLinkChanged(NatsLinkEventArgs e)
    {
        if (e.IsUp) _logger.ForwarderLinkBack(e.DownFor);
        else _logger.ForwarderLinkLost(_settings.Options.BufferCapacity);
        try
        {
            LinkChanged?.Invoke(this, e);
        }
        catch (Exception ex)
        {
            _logger.ForwarderHandlerFailed(ex);
        }
    }

    private bool WillCompress(Frame frame)
        => _settings.Options.Compression == NatsHopCompression.Jpeg && frame.ElementType == ElementType.UInt8
           && frame.Height > 0 && frame.Width > 0 && (frame.Rank == 2 || (frame.Rank == 3 && frame.Shape[2] == 3));

    private async Task PublishLoopAsync()
    {
        var token = _stop.Token;
        try
        {
            while (await _queue.TakeAsync(token).ConfigureAwait(false) is { } item)
            {
                try
                {
                    if (item.IsState) await PublishStateAsync(item, token).ConfigureAwait(false);
                    else await PublishFrameAsync(item, token).ConfigureAwait(false);
                }
                catch (Exception) when (token.IsCancellationRequested)
                {
                    // Given up while it was being published (NATS away past the flush timeout): one more abandoned frame.
                    if (!item.IsState) Interlocked.Increment(ref _abandoned);
                    return;
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref item.IsState ? ref _statesFailed : ref _failed);
                    var now = Stopwatch.GetTimestamp();
                    if (_lastFailureLog == long.MinValue || Stopwatch.GetElapsedTime(_lastFailureLog, now) >= LogEvery)
                    {
                        _lastFailureLog = now;
                        _logger.ForwarderPublishFailed(_settings.Subjects.Frame(item.Port), Interlocked.Read(ref _failed), ex.Message);
                    }
                }
                finally
                {
                    item.Release();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async ValueTask PublishStateAsync(ForwardItem item, CancellationToken token)
    {
        var headers = PacketHeaders.ForState(item.Port, item.Previous, item.State, item.Sequence, _droppedByPort.GetValueOrDefault(item.Port));
        await PublishAsync(_settings.Subjects.State(item.Port), ReadOnlyMemory<byte>.Empty, headers, item.Order, token).ConfigureAwait(false);
        Interlocked.Increment(ref _statesPublished);
    }

    private async ValueTask PublishFrameAsync(ForwardItem item, CancellationToken token)
    {
        ReadOnlyMemory<byte> payload = item.Data.AsMemory(0, item.Length);
        string? colourSpace = null;
        if (item.JpegColorSpace is { } received)
        {
            // The JPEG bytes the client received: passed on as they came, never decoded and encoded again.
            colourSpace = JpegColorSpaces.WireName(received);
        }
        else if (_settings.Options.Compression == NatsHopCompression.Jpeg && item.ElementType == ElementType.UInt8 && item.Shape.Length is 2 or 3
            && item.Shape[0] > 0 && item.Shape[1] > 0 && (item.Shape.Length == 2 || item.Shape[2] == 3))
        {
            var grey = item.Shape.Length == 2;
            var encoder = grey ? _jpegGrey ??= NewEncoder(JpegColorSpace.Gray) : _jpegColour ??= NewEncoder(JpegColorSpace.Bgr);
            // The encoder takes a frame of exactly the shape's bytes; the item's pooled buffer may be longer.
            using var frame = Frame.Copy(item.Data.AsSpan(0, item.Length), ElementType.UInt8, item.Shape);
            payload = encoder.Encode(frame);
            colourSpace = JpegColorSpaces.WireName(grey ? JpegColorSpace.Gray : JpegColorSpace.Bgr);
        }
        var headers = PacketHeaders.ForFrame(item.Port, item.Sequence, item.ReceivedAt, item.ElementType, item.Shape, item.Message,
            colourSpace is not null, colourSpace, _droppedByPort.GetValueOrDefault(item.Port));
        var size = payload.Length + PacketHeaders.EstimateBytes(item.Message?.Length ?? 0);
        if (size > MaxPayload)
        {
            RefuseTooLarge(item.Port, size); // compressed, and still too large
            return;
        }
        await PublishAsync(_settings.Subjects.Frame(item.Port), payload, headers, item.Order, token).ConfigureAwait(false);
        Interlocked.Increment(ref _published);
        FrameAcknowledged?.Invoke(item.Port, item.Sequence);
        if (item.JpegColorSpace is not null) Interlocked.Increment(ref _passedThrough);
    }

    /// <summary>Counts a frame too large for NATS; the first of its server is logged, with what to do.</summary>
    private void RefuseTooLarge(int port, long size)
    {
        Interlocked.Increment(ref _tooLarge);
        if (_tooLargeByPort.AddOrUpdate(port, 1, (_, n) => n + 1) == 1)
        {
            _logger.ForwarderFrameTooLarge(NatsFrameTooLargeException.Describe(port, size, MaxPayload));
        }
    }

    private JpegEncoder NewEncoder(JpegColorSpace space)
        => new(JpegOptions.Default with { Quality = _settings.Options.JpegQuality, ColorSpace = space });

    /// <summary>Tests: a frame was published (in JetStream mode: stored and acknowledged by the stream), by port and sequence.</summary>
    internal Action<int, long>? FrameAcknowledged { get; set; }

    /// <summary>
    /// Core NATS: fire and forget. JetStream: waits for the stream's acknowledgement; a publish that is not
    /// acknowledged (a node died, the stream is electing a leader) is sent again with the same <c>Nats-Msg-Id</c>, so
    /// the stream stores it once, until <see cref="NatsJetStreamOptions.PublishRetryFor"/> has passed.
    /// </summary>
    private async ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, NatsHeaders headers, long order, CancellationToken token)
    {
        if (_js is null)
        {
            await _connection.PublishAsync(subject, payload, headers, cancellationToken: token).ConfigureAwait(false);
            return;
        }
        headers[HeaderNames.MessageId] = _instance + "-" + order.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var started = Stopwatch.GetTimestamp();
        var wait = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                var ack = await _js.PublishAsync(subject, payload, headers: headers, cancellationToken: token).ConfigureAwait(false);
                if (ack.Error is { } error) throw new NatsJSApiException(error);
                return; // stored now, or by an earlier attempt whose acknowledgement was lost (ack.Duplicate)
            }
            catch (Exception ex) when (!token.IsCancellationRequested && ex is NatsException or TimeoutException or OperationCanceledException
                                       && Stopwatch.GetElapsedTime(started) + wait < _settings.Options.JetStream!.PublishRetryFor)
            {
                Interlocked.Increment(ref _retries);
                _logger.ForwarderPublishRetry(subject, ex.Message, wait);
                await Task.Delay(wait, token).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            }
        }
    }

    private sealed class Detach(Action action) : IDisposable
    {
        private Action? _action = action;

        public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
    }
}
