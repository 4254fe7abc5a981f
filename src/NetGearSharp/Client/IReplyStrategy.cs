using NetGearSharp.Transport;

namespace NetGearSharp.Client;

/// <summary>How a pattern reads a message up to its header part and answers it (if it answers at all).</summary>
internal interface IReplyStrategy
{
    /// <summary>Whether the pattern answers every message (Request/Reply, Pair).</summary>
    bool Replies { get; }

    /// <summary>Receives the next message up to and including its header part.</summary>
    ReceiveStatus ReceiveHeader(ITransportSocket socket, TimeSpan timeout, Envelope envelope, out ReadOnlySpan<byte> header, out bool more);

    /// <summary>Sends <paramref name="text"/> back to the sender identified by <paramref name="envelope"/>.</summary>
    void Reply(ITransportSocket socket, Envelope envelope, ReadOnlySpan<byte> text);

    /// <summary>Sends a two-part answer (return data: its JSON, then a returned frame) to the sender of <paramref name="envelope"/>.</summary>
    void Reply(ITransportSocket socket, Envelope envelope, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second);
}
