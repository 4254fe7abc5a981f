using NetGearSharp.Transport;

namespace NetGearSharp.Client;

/// <summary>Publish/Subscribe: nothing is answered.</summary>
internal sealed class SubscriberReplyStrategy : IReplyStrategy
{
    public bool Replies => false;

    public ReceiveStatus ReceiveHeader(ITransportSocket socket, TimeSpan timeout, Envelope envelope, out ReadOnlySpan<byte> header, out bool more)
    {
        envelope.Clear();
        return socket.TryReceive(timeout, out header, out more) ? ReceiveStatus.Header : ReceiveStatus.Nothing;
    }

    public void Reply(ITransportSocket socket, Envelope envelope, ReadOnlySpan<byte> text) { }

    public void Reply(ITransportSocket socket, Envelope envelope, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) { }
}
