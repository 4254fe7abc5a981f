using Microsoft.Extensions.Logging;
using NetGearSharp.Transport;

namespace NetGearSharp.Server;

/// <summary>Publish/Subscribe: frames are published without waiting; a slow client gets the newest frames.</summary>
internal sealed class PublishingSender : IFrameSender
{
    private static readonly TimeSpan SendWait = TimeSpan.FromMilliseconds(100);
    private readonly ITransportSocket _socket;
    private readonly TimeSpan _connectWait;
    private readonly TimeSpan _settleTime;
    private readonly ILogger _logger;
    private bool _waited;

    public PublishingSender(ServerSettings settings)
    {
        _connectWait = settings.PublishConnectWait;
        _settleTime = settings.PublishSettleTime;
        _logger = settings.Logger;
        _waited = _connectWait <= TimeSpan.Zero;
        _socket = settings.Transport.CreateSocket(settings.Socket);
        try
        {
            _socket.Connect(settings.Endpoint);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>Publishes a copy: nothing tells a publisher when its frame has been written, so it cannot lend the memory.</summary>
    public void Send(ReadOnlySpan<byte> header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_waited) WaitForConnection(cancellationToken);
        // A PUB socket drops, never blocks, when its queue is full; the wait only covers a busy transport.
        if (_socket.TrySend(header, more: true, SendWait)) _socket.TrySend(payload.Span, more: false, SendWait);
    }

    /// <summary>
    /// Before the first frame: a publisher drops what it sends until its client's subscription has arrived, so wait
    /// (bounded by <see cref="ServerSettings.PublishConnectWait"/>) for the transport's connected event, then the settle
    /// time for the subscription, which travels right after the handshake. Paid once.
    /// </summary>
    private void WaitForConnection(CancellationToken cancellationToken)
    {
        _waited = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < _connectWait)
        {
            if (_socket.TryGetEvent(out var e) && e.Kind == TransportEventKind.Connected)
            {
                _logger.LogDebug("Publisher connected to {Endpoint} after {Ms} ms; the first frame waits {Settle} ms more for the subscription",
                    e.Endpoint, clock.ElapsedMilliseconds, _settleTime.TotalMilliseconds);
                var settle = _settleTime < _connectWait - clock.Elapsed ? _settleTime : _connectWait - clock.Elapsed;
                if (settle > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(settle)) cancellationToken.ThrowIfCancellationRequested();
                return;
            }
            if (cancellationToken.WaitHandle.WaitOne(5)) cancellationToken.ThrowIfCancellationRequested();
        }
        _logger.LogInformation("Publisher not connected after {Ms} ms (PublishConnectWait); publishing anyway", clock.ElapsedMilliseconds);
    }

    public bool SendTerminate(ReadOnlySpan<byte> header)
    {
        // There is no acknowledgement and the queue holds one message: send the goodbye a few times, spaced,
        // so that it is not lost behind the last frame. Clients ignore repeats.
        for (var i = 0; i < 3; i++)
        {
            _socket.TrySend(header, more: false, SendWait);
            Thread.Sleep(30);
        }
        return true;
    }

    public void Dispose() => _socket.Dispose();
}
