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
    /// <summary>The colour space of <see cref="Data"/> when it holds the JPEG bytes the client received (passed through as they came); null: raw bytes.</summary>
    public JpegColorSpace? JpegColorSpace { get; init; }

    // State
    public bool IsState { get; init; }
    public ServerState State { get; init; }
    public ServerState Previous { get; init; }

    /// <summary>
    /// A pooled copy of what to publish: the JPEG bytes the client received when it kept them (the frame is not
    /// encoded again), else the decoded frame's bytes.
    /// </summary>
    public static ForwardItem FromPacket(NetGearPacket packet)
    {
        var frame = packet.Frame;
        var passThrough = !packet.Jpeg.IsEmpty && packet.JpegColorSpace is not null;
        var length = passThrough ? packet.Jpeg.Length : frame.Length;
        var data = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        if (passThrough) packet.Jpeg.Span.CopyTo(data);
        else frame.Data.CopyTo(data);
        var shape = new int[frame.Rank];
        for (var i = 0; i < shape.Length; i++) shape[i] = frame.Shape[i];
        return new ForwardItem
        {
            Port = packet.Port,
            Sequence = packet.Sequence,
            ReceivedAt = packet.ReceivedAt,
            ElementType = frame.ElementType,
            Shape = shape,
            Length = length,
            JpegColorSpace = passThrough ? packet.JpegColorSpace : null,
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
