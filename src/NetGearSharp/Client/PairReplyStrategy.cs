using NetGearSharp.Transport;

namespace NetGearSharp.Client;

/// <summary>Pair: one peer; every message is answered directly.</summary>
internal sealed class PairReplyStrategy : IReplyStrategy
{
    public bool Replies => true;

    public ReceiveStatus ReceiveHeader(ITransportSocket socket, TimeSpan timeout, Envelope envelope, out ReadOnlySpan<byte> header, out bool more)
    {
        envelope.Clear();
        return socket.TryReceive(timeout, out header, out more) ? ReceiveStatus.Header : ReceiveStatus.Nothing;
    }

    public void Reply(ITransportSocket socket, Envelope envelope, ReadOnlySpan<byte> text)
        => socket.TrySend(text, more: false, TimeSpan.FromMilliseconds(100));

    public void Reply(ITransportSocket socket, Envelope envelope, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        if (socket.TrySend(first, more: true, TimeSpan.FromMilliseconds(100))) socket.TrySend(second, more: false, TimeSpan.FromSeconds(1));
    }
}
