using Microsoft.Extensions.Logging;
using NetGearSharp.Logging;
using NetGearSharp.Transport;

namespace NetGearSharp.Server;

/// <summary>
/// Publish/Subscribe: frames are published without waiting; a slow client gets the newest frames. A client that does not
/// accept the publisher (another secure mode, its key refused; where the transport reports it) is warned about
/// (<see cref="HandshakeWarnings"/>); libzmq does not connect again after that, so a publisher of one client reopens its
/// socket, at most once every <see cref="SocketSpec.ReconnectIntervalMax"/> (<see cref="HandshakeReopening"/>), and
/// reaches a client fixed meanwhile.
/// </summary>
internal sealed class PublishingSender : IFrameSender
{
    private static readonly TimeSpan SendWait = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(20);
    private readonly ServerSettings _settings;
    private readonly HandshakeWarnings _handshakeWarnings;
    /// <summary>Whether a client did not accept the socket's connection (failed security handshake), and when to reopen it then.</summary>
    private readonly HandshakeReopening _reopening;
    private ITransportSocket _socket;
    private readonly TimeSpan _connectWait;
    private readonly ILogger _logger;
    private readonly bool _reportsSubscriptions;
    private bool _waited;

    public PublishingSender(ServerSettings settings)
    {
        _settings = settings;
        _handshakeWarnings = new HandshakeWarnings(settings);
        _reopening = new HandshakeReopening(settings);
        _connectWait = settings.PublishConnectWait;
        _logger = settings.Logger;
        _reportsSubscriptions = settings.Socket.ReportSubscriptions;
        _waited = !_reportsSubscriptions;
        _socket = Open();
    }

    private ITransportSocket Open()
    {
        _reopening.Opened();
        var socket = _settings.Transport.CreateSocket(_settings.Socket);
        try
        {
            foreach (var endpoint in _settings.Endpoints) socket.Connect(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Warns of failed security handshakes; a publisher of one client whose handshake failed opens its socket again
    /// (not one of several clients: the others' connections would be cut).
    /// </summary>
    private void FollowHandshakes()
    {
        while (_socket.TryGetEvent(out var ev))
        {
            if (ev.Kind != TransportEventKind.AuthenticationFailed) continue;
            _reopening.Failed();
            _handshakeWarnings.Failed(ev);
        }
        if (_settings.Endpoints.Count != 1 || !_reopening.Due) return;
        _socket.Dispose();
        _socket = Open();
    }

    /// <summary>Publishes a copy: nothing tells a publisher when its frame has been written, so it cannot lend the memory.</summary>
    public IReadOnlyList<byte[]>? Send(ReadOnlySpan<byte> header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FollowHandshakes();
        if (!_waited) WaitForSubscription(cancellationToken);
        else if (_reportsSubscriptions) DrainIncoming();
        // A PUB socket drops, never blocks, when its queue is full; the wait only covers a busy transport.
        if (_socket.TrySend(header, more: true, SendWait)) _socket.TrySend(payload.Span, more: false, SendWait);
        return null;
    }

    /// <summary>
    /// Reads away what the subscriber sent since the last frame: an XPUB keeps every new subscription, and every message
    /// a subscriber sends that is not one (an XSUB may send anything), in a queue of its own with no limit until they
    /// are read (a client reconnecting leaves two; a hostile one could send without end). While a send waits for room
    /// (up to <see cref="SendWait"/>), libzmq goes on moving them into that queue; they are read before the next frame.
    /// (Waiting in slices with reads between them would count each slice as a send that found the queue full, and three
    /// of those cut the connection's buffers: <c>BacklogBuffers</c>.) At most
    /// <see cref="MaxDrainedPerLook"/> at a time, without waiting. Their size is not capped (ZMQ_MAXMSGSIZE): libzmq
    /// treats a message over it as a protocol error, and a connecting socket then never connects to that address again.
    /// </summary>
    private void DrainIncoming()
    {
        for (var i = 0; i < MaxDrainedPerLook && _socket.TryReceive(TimeSpan.Zero, out _, out _); i++) { }
    }

    /// <summary>The most incoming messages read away at one look (libzmq hands them over a thousand at a time, its receive queue).</summary>
    private const int MaxDrainedPerLook = 4096;

    /// <summary>
    /// Before the first frame: a publisher drops what it sends until its client's subscription has arrived, so wait
    /// (bounded by <see cref="ServerSettings.PublishConnectWait"/>) until the XPUB hands over a subscribe message. By
    /// then the subscription is in effect, and the frame reaches the client. Paid once. Later subscription messages
    /// (a client that reconnects: two short messages each time) are read away as frames go (<see cref="DrainIncoming"/>).
    /// </summary>
    private void WaitForSubscription(CancellationToken cancellationToken)
    {
        _waited = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < _connectWait)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = _connectWait - clock.Elapsed;
            if (_socket.TryReceive(left < PollStep ? left : PollStep, out var part, out _) && part.Length > 0 && part[0] == 1)
            {
                _logger.SubscriberArrived(clock.ElapsedMilliseconds);
                return;
            }
        }
        _logger.NoSubscriber(clock.ElapsedMilliseconds);
    }

    public bool SendTerminate(ReadOnlySpan<byte> header, CancellationToken cancellationToken)
    {
        // There is no acknowledgement and the queue holds one message: send the goodbye a few times, spaced,
        // so that it is not lost behind the last frame. Clients ignore repeats.
        for (var i = 0; i < 3; i++)
        {
            _socket.TrySend(header, more: false, SendWait);
            if (cancellationToken.WaitHandle.WaitOne(30)) break;
        }
        return true;
    }

    public void Dispose() => _socket.Dispose();
}
