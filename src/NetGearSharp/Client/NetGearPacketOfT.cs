namespace NetGearSharp;

/// <summary>
/// A received frame with its message read as <typeparamref name="TMessage"/> (from
/// <see cref="NetGearClient.ReadAllAsync{TMessage}"/>). Dispose it (or its frame) when done.
/// </summary>
/// <typeparam name="TMessage">The message type.</typeparam>
public sealed class NetGearPacket<TMessage> : IDisposable
{
    internal NetGearPacket(NetGearPacket packet, TMessage? message)
    {
        Packet = packet;
        Message = message;
    }

    /// <summary>The untyped packet (raw JSON, <see cref="NetGearPacket.Message"/> as a JSON element, …).</summary>
    public NetGearPacket Packet { get; }

    /// <summary>The port of the server that sent the frame.</summary>
    public int Port => Packet.Port;

    /// <summary>The frame.</summary>
    public Frame Frame => Packet.Frame;

    /// <summary>The message, or <c>default</c> when the server sent none (see <see cref="HasMessage"/>).</summary>
    public TMessage? Message { get; }

    /// <summary>Whether the server sent a message (anything but JSON null).</summary>
    public bool HasMessage => Packet.HasMessage;

    /// <summary>When the client received the frame.</summary>
    public DateTimeOffset ReceivedAt => Packet.ReceivedAt;

    /// <summary>The number of this frame among the frames received from the same server, from 1.</summary>
    public long Sequence => Packet.Sequence;

    /// <summary>Returns the frame's memory to the pool.</summary>
    public void Dispose() => Packet.Dispose();

    /// <inheritdoc />
    public override string ToString() => Packet.ToString();
}
