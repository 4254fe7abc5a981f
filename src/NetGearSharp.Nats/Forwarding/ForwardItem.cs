using System.Buffers;

namespace NetGearSharp.Nats.Forwarding;

/// <summary>One thing to publish: a frame (a pooled copy of its bytes) or a state event.</summary>
internal sealed class ForwardItem
{
    public required int Port { get; init; }
    public long Order { get; set; }

    // Frame
    public long Sequence { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public ElementType ElementType { get; init; }
    public int[] Shape { get; init; } = [];
    public byte[]? Data { get; private set; }
    public int Length { get; init; }
    public byte[]? Message { get; init; }

    // State
    public bool IsState { get; init; }
    public ServerState State { get; init; }
    public ServerState Previous { get; init; }

    public static ForwardItem FromPacket(NetGearPacket packet)
    {
        var frame = packet.Frame;
        var data = ArrayPool<byte>.Shared.Rent(Math.Max(1, frame.Length));
        frame.Data.CopyTo(data);
        var shape = new int[frame.Rank];
        for (var i = 0; i < shape.Length; i++) shape[i] = frame.Shape[i];
        return new ForwardItem
        {
            Port = packet.Port,
            Sequence = packet.Sequence,
            ReceivedAt = packet.ReceivedAt,
            ElementType = frame.ElementType,
            Shape = shape,
            Length = frame.Length,
            Message = packet.HasMessage ? packet.MessageUtf8.ToArray() : null,
        }.WithData(data);
    }

    private ForwardItem WithData(byte[] data)
    {
        Data = data;
        return this;
    }

    /// <summary>Returns the frame's pooled copy.</summary>
    public void Release()
    {
        if (Data is { } data) ArrayPool<byte>.Shared.Return(data);
        Data = null;
    }
}
