namespace NetGearSharp.Nats;

/// <summary>Options of a <see cref="NatsForwarder"/>: where to publish, how, and how much to buffer.</summary>
public sealed record NatsForwarderOptions : NatsLinkOptions
{
    /// <summary>
    /// Frames waiting to be published, at most (all servers together). When it is full the oldest waiting frame is
    /// dropped for the new one (counted), so a slow NATS never stalls the ZeroMQ side. Default 64.
    /// </summary>
    public int BufferCapacity { get; init; } = 64;

    /// <summary>How frames travel the hop. Default <see cref="NatsHopCompression.None"/>.</summary>
    public NatsHopCompression Compression { get; init; } = NatsHopCompression.None;

    /// <summary>JPEG quality (1–100) with <see cref="NatsHopCompression.Jpeg"/>. Default 90.</summary>
    public int JpegQuality { get; init; } = 90;

    /// <summary>
    /// The largest frame you will forward, in bytes, if you know it (e.g. 921600 for raw VGA): checked against the
    /// server's max payload when connecting, so a deployment that cannot work fails at once. Null: checked at the
    /// first frame.
    /// </summary>
    public long? ExpectedFrameBytes { get; init; }

    /// <summary>JetStream: publish into a stream with limits (acknowledged). Null: core NATS (fire and forget).</summary>
    public NatsJetStreamOptions? JetStream { get; init; }

    /// <summary>How long disposing waits for queued frames to be published. Default 5 s.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
