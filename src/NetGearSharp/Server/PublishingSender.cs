using Microsoft.Extensions.Logging;
using NetGearSharp.Transport;

namespace NetGearSharp.Server;

/// <summary>Publish/Subscribe: frames are published without waiting; a slow client gets the newest frames.</summary>
internal sealed class PublishingSender : IFrameSender
{
    private static readonly TimeSpan SendWait = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(20);
    private readonly ITransportSocket _socket;
    private readonly TimeSpan _connectWait;
    private readonly ILogger _logger;
    private bool _waited;

    public PublishingSender(ServerSettings settings)
    {
        _connectWait = settings.PublishConnectWait;
        _logger = settings.Logger;
        _waited = !settings.Socket.ReportSubscriptions;
        _socket = settings.Transport.CreateSocket(settings.Socket);
        try
        {
            foreach (var endpoint in settings.Endpoints) _socket.Connect(endpoint);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>Publishes a copy: nothing tells a publisher when its frame has been written, so it cannot lend the memory.</summary>
    public IReadOnlyList<byte[]>? Send(ReadOnlySpan<byte> header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_waited) WaitForSubscription(cancellationToken);
        // A PUB socket drops, never blocks, when its queue is full; the wait only covers a busy transport.
        if (_socket.TrySend(header, more: true, SendWait)) _socket.TrySend(payload.Span, more: false, SendWait);
        return null;
    }

    /// <summary>
    /// Before the first frame: a publisher drops what it sends until its client's subscription has arrived, so wait
    /// (bounded by <see cref="ServerSettings.PublishConnectWait"/>) until the XPUB hands over a subscribe message. By
    /// then the subscription is in effect, and the frame reaches the client. Paid once. Later subscription messages
    /// (a client that reconnects: two short messages each time) wait unread in the socket.
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
                _logger.LogDebug("Publisher's client subscribed after {Ms} ms; publishing", clock.ElapsedMilliseconds);
                return;
            }
        }
        _logger.LogInformation("No client subscribed within {Ms} ms (PublishConnectWait); publishing anyway", clock.ElapsedMilliseconds);
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
