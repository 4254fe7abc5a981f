using NetGearSharp.Transport;

namespace NetGearSharp.Server;

/// <summary>Publish/Subscribe: frames are published without waiting; a slow client gets the newest frames.</summary>
internal sealed class PublishingSender : IFrameSender
{
    private static readonly TimeSpan SendWait = TimeSpan.FromMilliseconds(100);
    private readonly ITransportSocket _socket;

    public PublishingSender(ServerSettings settings)
    {
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
        // A PUB socket drops, never blocks, when its queue is full; the wait only covers a busy transport.
        if (_socket.TrySend(header, more: true, SendWait)) _socket.TrySend(payload.Span, more: false, SendWait);
        return null;
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
