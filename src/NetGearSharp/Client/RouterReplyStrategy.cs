using NetGearSharp.Transport;

namespace NetGearSharp.Client;

/// <summary>
/// Request/Reply through a ROUTER socket: talks to REQ servers (also VidGear's, with request correlation) and can
/// hold a reply back, which is how a full queue pushes back on one server without stopping the others.
/// </summary>
internal sealed class RouterReplyStrategy : IReplyStrategy
{
    private static readonly TimeSpan PartWait = TimeSpan.FromSeconds(1);

    public bool Replies => true;

    public ReceiveStatus ReceiveHeader(ITransportSocket socket, TimeSpan timeout, Envelope envelope, out ReadOnlySpan<byte> header, out bool more)
    {
        header = default;
        envelope.Clear();
        if (!socket.TryReceive(timeout, out var part, out more)) return ReceiveStatus.Nothing;
        // Routing id, optional request id(s), then the empty delimiter.
        while (true)
        {
            if (!more || !envelope.TryAdd(part))
            {
                Drain(socket, more);
                return ReceiveStatus.BadEnvelope;
            }
            if (part.IsEmpty) break;
            if (!socket.TryReceive(PartWait, out part, out more)) return ReceiveStatus.BadEnvelope;
        }
        if (!socket.TryReceive(PartWait, out header, out more)) return ReceiveStatus.BadEnvelope;
        return ReceiveStatus.Header;
    }

    public void Reply(ITransportSocket socket, Envelope envelope, ReadOnlySpan<byte> text)
    {
        if (envelope.Count == 0) return;
        for (var i = 0; i < envelope.Count; i++)
        {
            if (!socket.TrySend(envelope[i], more: true, TimeSpan.Zero)) return;
        }
        socket.TrySend(text, more: false, TimeSpan.Zero);
    }

    public void Reply(ITransportSocket socket, Envelope envelope, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        if (envelope.Count == 0) return;
        for (var i = 0; i < envelope.Count; i++)
        {
            if (!socket.TrySend(envelope[i], more: true, TimeSpan.Zero)) return;
        }
        // A ROUTER queues a whole message or drops it: once the first part is accepted, the rest is too.
        if (socket.TrySend(first, more: true, TimeSpan.Zero)) socket.TrySend(second, more: false, TimeSpan.Zero);
    }

    private static void Drain(ITransportSocket socket, bool more)
    {
        while (more && socket.TryReceive(PartWait, out _, out more)) { }
    }
}
