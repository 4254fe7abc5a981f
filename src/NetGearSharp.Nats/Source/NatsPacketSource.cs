using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NetGearSharp.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NetGearSharp.Nats.Connection;
using NetGearSharp.Nats.Logging;
using NetGearSharp.Nats.Source;

namespace NetGearSharp.Nats;

/// <summary>
/// Reads forwarded packets back from NATS with the client's API: <see cref="ReadAllAsync"/> yields
/// <see cref="NetGearPacket"/>s, <see cref="ServerStateChanged"/> and <see cref="Servers"/> follow the forwarded
/// state events, and the stream ends by itself once every forwarded server has ended. With a
/// <see cref="NatsSourceOptions.QueueGroup"/> the sources of the group share the frames (each to one of them).
/// </summary>
public sealed class NatsPacketSource : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Short pulls with frequent heartbeats: when the consumer's leader dies with its node, the lost pull is noticed
    /// and made again within seconds (with NATS.Net's defaults, 30 s pulls, live workers waited tens of seconds). A pull
    /// is bounded in bytes, not messages: 1,000 raw VGA frames are 920 MB, and a server disconnects a client that has
    /// more than 64 MB waiting for it ("Slow Consumer"), whose queue group then got frames twice (<see cref="PullBytes"/>).
    /// </summary>
    private static NatsJSConsumeOpts ConsumeOptions(NatsConnection connection) => new()
    {
        MaxBytes = PullBytes(connection.ServerInfo?.MaxPayload ?? 1024 * 1024),
        Expires = TimeSpan.FromSeconds(5), IdleHeartbeat = TimeSpan.FromSeconds(2),
    };
    /// <summary>
    /// A pull's bytes: twice the largest message the server takes, between 16 and 48 MB (under the 64 MB a server lets
    /// wait for a client), and never less than one such message (a pull must hold one).
    /// </summary>
    internal static int PullBytes(long maxPayload)
        => (int)Math.Min(int.MaxValue, Math.Max(maxPayload, Math.Clamp(2 * maxPayload, 16L << 20, 48L << 20)));

    private readonly SourceSettings _settings;
    private readonly NatsConnection _connection;
    private readonly ILogger _logger;
    private readonly SourceTracker _tracker;
    private readonly Channel<NetGearPacket> _packets;
    /// <summary>Server state changes and link changes, raised in order off the reading loops.</summary>
    private readonly Channel<EventArgs> _events = Channel.CreateUnbounded<EventArgs>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<NatsSourceEndReason> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PacketDecoder _decoder;
    private readonly LinkWatch _link;
    private int _jpegMissingLogged;
    private readonly object _decodeGate = new();
    private readonly List<Task> _loops = [];
    private long _lastFrameAt = Stopwatch.GetTimestamp();
    /// <summary>JetStream readers waiting for room in the reader's buffer: the stream is not over while one waits.</summary>
    private int _waitingWriters;
    /// <summary>
    /// A queue group's durable consumer of the frames: its states travel on another consumer and may arrive first, so
    /// the source ends only once this one has nothing left to deliver.
    /// </summary>
    private INatsJSConsumer? _shared;
    private int _disposed;

    private NatsPacketSource(SourceSettings settings, NatsConnection connection)
    {
        _settings = settings;
        _connection = connection;
        _logger = GuardedLogger.For<NatsPacketSource>(settings.Options.LoggerFactory);
        _tracker = new SourceTracker(countGaps: settings.Options.QueueGroup is null);
        _decoder = new PacketDecoder(settings.Json, settings.Options.KeepJpeg);
        _link = new LinkWatch(connection, OnLinkChanged);
        _packets = Channel.CreateBounded<NetGearPacket>(
            // Core NATS pushes: a slow reader loses its oldest packets (counted). JetStream is pulled: a slow reader
            // makes the consumer wait, nothing is dropped (a replay delivers faster than most readers read).
            new BoundedChannelOptions(settings.Options.BufferCapacity)
            {
                FullMode = settings.Options.JetStream is null ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
                SingleWriter = false,
            },
            dropped =>
            {
                _tracker.OnDropped(dropped.Port);
                dropped.Dispose();
            });
    }

    /// <summary>A forwarded server changed state (raised off the NATS reading loop, in order).</summary>
    public event EventHandler<ServerEventArgs>? ServerStateChanged;

    /// <summary>The forwarded servers seen so far, as the client's snapshots (<c>Dropped</c> adds the forwarder's drops).</summary>
    public IReadOnlyList<ServerInfo> Servers => _tracker.Snapshot();

    /// <summary>Counts so far.</summary>
    public NatsSourceStatistics Statistics => _tracker.Statistics() with { LinkLost = _link.Lost, LinkDownFor = _link.DownFor };

    /// <summary>
    /// The connection to NATS was lost or is back (NATS.Net reconnects by itself). While it is down nothing arrives, so
    /// the servers that were streaming (or connected) turn <see cref="ServerState.Stale"/> (raised after this event, with
    /// <see cref="ServerStateChanged"/>); each is streaming again with its next frame. Raised off the NATS reading loop,
    /// in order with <see cref="ServerStateChanged"/>.
    /// </summary>
    public event EventHandler<NatsLinkEventArgs>? LinkChanged;

    /// <summary>Whether the connection to NATS is up now.</summary>
    public bool IsLinkUp => _link.IsUp;

    /// <summary>Completes when the source stops reading (every server ended, disposed, or failed).</summary>
    public Task<NatsSourceEndReason> Completion => _completion.Task;

    /// <summary>Whether the source has stopped and every packet has been read.</summary>
    public bool IsCompleted => _packets.Reader.Completion.IsCompleted;

    /// <summary>The subject prefix read from.</summary>
    public string Prefix => _settings.Subjects.Prefix;

    /// <summary>Connects and subscribes (or creates the JetStream consumers); packets start arriving at once.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="NetGearException">No NATS server answered, or the JetStream stream or consumer could not be opened.</exception>
    public static async Task<NatsPacketSource> ConnectAsync(NatsSourceOptions options, CancellationToken cancellationToken = default)
    {
        var settings = SourceSettings.From(options);
        var connection = await NatsConnector.ConnectAsync(options, settings.Nats, cancellationToken).ConfigureAwait(false);
        var source = new NatsPacketSource(settings, connection);
        try
        {
            await source.StartAsync(cancellationToken).ConfigureAwait(false);
            return source;
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The next packet within <paramref name="timeout"/>, or null (none yet, or the source has ended: see <see cref="IsCompleted"/>).</summary>
    public async ValueTask<NetGearPacket?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_packets.Reader.TryRead(out var ready)) return ready;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            return await _packets.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false) && _packets.Reader.TryRead(out var packet) ? packet : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Every packet until the source ends (every forwarded server has ended) or is disposed. Dispose each packet.</summary>
    public async IAsyncEnumerable<NetGearPacket> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var packet in _packets.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return packet;
    }

    /// <summary>Stops reading, releases waiting packets and closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Finish(NatsSourceEndReason.Disposed);
        try { await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or NatsException) { }
        while (_packets.Reader.TryRead(out var packet)) packet.Dispose();
        _link.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
        lock (_decodeGate) _decoder.Dispose();
        _stop.Dispose();
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _settings.Options;
        var subjects = _settings.Subjects;
        var token = _stop.Token;
        if (options.JetStream is not { } jet)
        {
            var frames = await _connection.SubscribeCoreAsync<byte[]>(subjects.AllFrames, options.QueueGroup, cancellationToken: cancellationToken).ConfigureAwait(false);
            var states = await _connection.SubscribeCoreAsync<byte[]>(subjects.AllStates, cancellationToken: cancellationToken).ConfigureAwait(false);
            _loops.Add(Task.Run(() => ReadCoreAsync(frames, token), CancellationToken.None));
            _loops.Add(Task.Run(() => ReadCoreAsync(states, token), CancellationToken.None));
            // Make sure the server has the subscriptions before the caller starts anything that publishes.
            await _connection.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var js = new NatsJSContext(_connection);
            var stream = jet.StreamName ?? subjects.DefaultStreamName();
            var policy = jet.StartTime is not null ? ConsumerConfigDeliverPolicy.ByStartTime
                : jet.FromBeginning ? ConsumerConfigDeliverPolicy.All : ConsumerConfigDeliverPolicy.New;
            var start = jet.StartTime ?? default;
            // NATS.Net creates an ordered consumer only when it starts consuming (after this method returns): "new
            // messages only" becomes "from now", so nothing published after ConnectAsync returns is missed.
            var (orderedPolicy, orderedStart) = policy == ConsumerConfigDeliverPolicy.New
                ? (ConsumerConfigDeliverPolicy.ByStartTime, DateTimeOffset.UtcNow) : (policy, start);
            try
            {
                if (options.QueueGroup is null)
                {
                    // One ordered consumer sees frames and states in the order they were published.
                    var all = await js.CreateOrderedConsumerAsync(stream, new NatsJSOrderedConsumerOpts
                    {
                        FilterSubjects = [subjects.All], DeliverPolicy = orderedPolicy, OptStartTime = orderedStart,
                    }, cancellationToken).ConfigureAwait(false);
                    _loops.Add(Task.Run(() => ReadJetStreamAsync(all, ack: false, statesOnly: false, token), CancellationToken.None));
                }
                else
                {
                    // The group shares one durable consumer of the frames; each member reads every state event.
                    var config = new ConsumerConfig(options.QueueGroup)
                    {
                        DurableName = options.QueueGroup,
                        FilterSubject = subjects.AllFrames,
                        DeliverPolicy = policy,
                        OptStartTime = start,
                        AckPolicy = ConsumerConfigAckPolicy.Explicit,
                    };
                    var shared = await js.CreateOrUpdateConsumerAsync(stream, config, cancellationToken).ConfigureAwait(false);
                    _shared = shared;
                    WarnIfStatesAreNotFiltered(stream);
                    var states = await js.CreateOrderedConsumerAsync(stream, StatesStart.Of(shared.Info, policy, new NatsJSOrderedConsumerOpts
                    {
                        FilterSubjects = [subjects.AllStates], DeliverPolicy = orderedPolicy, OptStartTime = orderedStart,
                    }), cancellationToken).ConfigureAwait(false);
                    _loops.Add(Task.Run(() => ReadJetStreamAsync(shared, ack: true, statesOnly: false, token), CancellationToken.None));
                    _loops.Add(Task.Run(() => ReadJetStreamAsync(states, ack: false, statesOnly: true, token), CancellationToken.None));
                }
            }
            catch (NatsJSException ex)
            {
                throw new NetGearException($"Cannot read JetStream stream '{stream}' (does it exist? is JetStream enabled?): {ex.Message}", ex);
            }
        }
        _loops.Add(Task.Run(() => WatchEndAsync(token), CancellationToken.None));
        _loops.Add(Task.Run(() => RaiseEventsAsync(), CancellationToken.None));
    }

    /// <summary>
    /// Before nats-server 2.10 a consumer filters on the server by one subject only (<c>filter_subject</c>), and NATS.Net's
    /// ordered consumer asks with the list form (<c>filter_subjects</c>), which older servers ignore: the states' consumer of
    /// a queue group member then receives every frame of the stream, and drops it. Said once, when the member starts.
    /// </summary>
    private void WarnIfStatesAreNotFiltered(string stream)
    {
        var version = _connection.ServerInfo?.Version;
        if (!NatsServerVersion.IsBefore(version, 2, 10)) return;
        _logger.SourceStatesUnfiltered(version, stream, _settings.Options.QueueGroup);
    }

    private async Task ReadCoreAsync(INatsSub<byte[]> subscription, CancellationToken token)
    {
        await using (subscription.ConfigureAwait(false))
        {
            try
            {
                await foreach (var msg in subscription.Msgs.ReadAllAsync(token).ConfigureAwait(false))
                {
                    if (Handle(msg.Subject, msg.Headers, msg.Data ?? []) is { } packet && !_packets.Writer.TryWrite(packet)) packet.Dispose();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // Said and ended, as the JetStream loop does: not a frame loop that stops while state events go on.
                _logger.SourceReadFailed(ex);
                Finish(NatsSourceEndReason.Failed);
            }
        }
    }

    /// <summary>
    /// Reads a JetStream consumer. With statesOnly, frames are skipped: the ordered consumer of the states filters on
    /// the server only from NATS 2.10 (filter_subjects); older servers send it every message of the stream.
    /// </summary>
    private async Task ReadJetStreamAsync(INatsJSConsumer consumer, bool ack, bool statesOnly, CancellationToken token)
    {
        try
        {
            await foreach (var msg in consumer.ConsumeAsync<byte[]>(opts: ConsumeOptions(_connection), cancellationToken: token).ConfigureAwait(false))
            {
                if (statesOnly && !Wire.NatsSubjects.IsState(msg.Subject)) continue;
                if (Handle(msg.Subject, msg.Headers, msg.Data ?? []) is { } packet)
                {
                    Interlocked.Increment(ref _waitingWriters);
                    try
                    {
                        // Waits while the reader's buffer is full: the consumer pulls no more until it reads on.
                        await _packets.Writer.WriteAsync(packet, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
                    {
                        packet.Dispose();
                        if (ex is OperationCanceledException) throw;
                        return;
                    }
                    finally
                    {
                        Volatile.Write(ref _lastFrameAt, Stopwatch.GetTimestamp());
                        Interlocked.Decrement(ref _waitingWriters);
                    }
                }
                if (ack) await msg.AckAsync(cancellationToken: token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            _logger.SourceConsumerFailed(ex);
            Finish(NatsSourceEndReason.Failed);
        }
    }

    /// <summary>Tracks a state event, or decodes a frame: the packet to hand to the reader (null: none).</summary>
    private NetGearPacket? Handle(string subject, NatsHeaders? headers, byte[] data)
    {
        if (Wire.NatsSubjects.IsState(subject))
        {
            if (!PacketDecoder.TryDecodeState(headers, out var port, out var state, out var lastSequence, out var upstream))
            {
                _tracker.OnMalformed();
                return null;
            }
            if (_tracker.OnState(port, state, lastSequence, upstream, Stopwatch.GetTimestamp()) is { } stateChange) _events.Writer.TryWrite(stateChange);
            return null;
        }
        NetGearPacket? packet;
        long dropped;
        string? error;
        lock (_decodeGate)
        {
            if (Volatile.Read(ref _disposed) != 0) return null;
            packet = _decoder.Decode(headers, data, out dropped, out error);
        }
        if (packet is null)
        {
            _tracker.OnMalformed();
            if (_decoder.JpegUnavailable is { } missing && Interlocked.Exchange(ref _jpegMissingLogged, 1) == 0)
                _logger.SourceJpegUnavailable(missing.Message);
            _logger.SourceMalformedSkipped(subject, error);
            return null;
        }
        Volatile.Write(ref _lastFrameAt, Stopwatch.GetTimestamp());
        if (_tracker.OnFrame(packet.Port, packet.Sequence, packet.Frame.Length, packet.HasMessage ? packet.MessageUtf8.ToArray() : null, dropped, DateTimeOffset.UtcNow) is { } change)
        {
            _events.Writer.TryWrite(change);
        }
        return packet;
    }

    private async Task WatchEndAsync(CancellationToken token)
    {
        var grace = _settings.Options.EndGrace;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(Tick, token).ConfigureAwait(false);
                if (!_settings.Options.AutoEnd || Volatile.Read(ref _waitingWriters) > 0 || !_tracker.AllEnded(out var endedAt)) continue;
                var quietSince = Math.Max(endedAt, Volatile.Read(ref _lastFrameAt));
                if (Stopwatch.GetElapsedTime(quietSince) >= grace && await SharedConsumerDrainedAsync(token).ConfigureAwait(false))
                {
                    Finish(NatsSourceEndReason.AllServersGone);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// True unless the queue group's durable consumer still has frames to deliver or awaiting acknowledgement (e.g. its
    /// pulls stalled while a node died, while the goodbyes came on the states' consumer). Unknown (NATS unreachable): false.
    /// </summary>
    private async ValueTask<bool> SharedConsumerDrainedAsync(CancellationToken token)
    {
        if (_shared is not { } shared) return true;
        try
        {
            await shared.RefreshAsync(token).ConfigureAwait(false);
            return shared.Info.NumPending == 0 && shared.Info.NumAckPending == 0;
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException)
        {
            _logger.SourcePendingUnknown(ex.Message);
            return false;
        }
    }

    private void OnLinkChanged(NatsLinkEventArgs e)
    {
        if (e.IsUp)
        {
            _logger.SourceLinkBack(e.DownFor);
            _events.Writer.TryWrite(e);
            return;
        }
        _logger.SourceLinkLost();
        _events.Writer.TryWrite(e);
        foreach (var change in _tracker.OnLinkDown()) _events.Writer.TryWrite(change);
    }

    private async Task RaiseEventsAsync()
    {
        await foreach (var e in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (e is ServerEventArgs change) ServerStateChanged?.Invoke(this, change);
                else if (e is NatsLinkEventArgs link) LinkChanged?.Invoke(this, link);
            }
            catch (Exception ex)
            {
                _logger.SourceHandlerFailed(ex, e is ServerEventArgs ? nameof(ServerStateChanged) : nameof(LinkChanged));
            }
        }
    }

    private void Finish(NatsSourceEndReason reason)
    {
        if (!_completion.TrySetResult(reason)) return;
        _stop.Cancel();
        _packets.Writer.TryComplete();
        _events.Writer.TryComplete();
    }
}
