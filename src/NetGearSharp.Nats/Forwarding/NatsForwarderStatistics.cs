namespace NetGearSharp.Nats;

/// <summary>What a forwarder has done so far.</summary>
public sealed record NatsForwarderStatistics
{
    /// <summary>
    /// Frames handed to the forwarder. Each ends in exactly one count: once the forwarder has completed,
    /// <c>Posted == Published + Dropped + Failed + TooLarge + Abandoned</c> (before, <see cref="Queued"/> and the frame
    /// being published are not counted yet).
    /// </summary>
    public required long Posted { get; init; }

    /// <summary>Frames published to NATS (acknowledged by the stream in JetStream mode).</summary>
    public required long Published { get; init; }

    /// <summary>Frames dropped because the buffer was full (the oldest waiting frame makes room for the new one).</summary>
    public required long Dropped { get; init; }

    /// <summary>
    /// Of <see cref="Dropped"/>, the frames dropped while the connection to NATS was down (the buffer filled up because
    /// NATS could not be reached, not because it was slower than the frames).
    /// </summary>
    public long DroppedWhileLinkDown { get; init; }

    /// <summary>Times the connection to NATS was lost (each time it reconnects by itself; see <see cref="NatsForwarder.LinkChanged"/>).</summary>
    public long LinkLost { get; init; }

    /// <summary>How long the connection to NATS was down in all, counting a loss still going on.</summary>
    public TimeSpan LinkDownFor { get; init; }

    /// <summary>
    /// Frames whose publish failed (counted and logged; forwarding goes on): core NATS refused them, or in JetStream
    /// mode the stream did not acknowledge them within <see cref="NatsJetStreamOptions.PublishRetryFor"/>. State events
    /// that failed are counted apart (<see cref="StatesFailed"/>).
    /// </summary>
    public required long Failed { get; init; }

    /// <summary>
    /// Frames given up when the forwarder completed: still waiting in the buffer, or being published, after
    /// <see cref="NatsForwarderOptions.FlushTimeout"/> (NATS unreachable, or too slow, at the end).
    /// </summary>
    public long Abandoned { get; init; }

    /// <summary>
    /// Frames not forwarded because, with their headers, they are larger than the NATS server's max payload (raw, or
    /// still after the JPEG hop compressed them); the first of each server is logged at error level.
    /// </summary>
    public long TooLarge { get; init; }

    /// <summary>Frames too large for NATS (<see cref="TooLarge"/>) per server port.</summary>
    public IReadOnlyDictionary<int, long> TooLargeByPort { get; init; } = new Dictionary<int, long>();

    /// <summary>
    /// Frames of <see cref="Published"/> whose payload is the JPEG the client received, passed on as it came (the
    /// client keeps JPEG bytes: <see cref="NetGearClientOptions.KeepJpeg"/>).
    /// </summary>
    public long JpegPassedThrough { get; init; }

    /// <summary>JetStream publishes sent again because the stream did not acknowledge them (see <see cref="NatsJetStreamOptions.PublishRetryFor"/>).</summary>
    public long PublishRetries { get; init; }

    /// <summary>State events published.</summary>
    public required long States { get; init; }

    /// <summary>State events whose publish failed (logged, as frames' are).</summary>
    public long StatesFailed { get; init; }

    /// <summary>
    /// State events merged into a later one of the same server while too many waited (NATS away for long, servers
    /// coming and going): a server's change from A to B, then B to C, goes out as A to C (and A to B to A as nothing).
    /// Each server's last state always goes out.
    /// </summary>
    public long StatesMerged { get; init; }

    /// <summary>Frames waiting in the buffer now.</summary>
    public required int Queued { get; init; }

    /// <summary>Frames dropped per server port.</summary>
    public required IReadOnlyDictionary<int, long> DroppedByPort { get; init; }

    /// <summary>The NATS server's max payload in bytes (from its INFO).</summary>
    public required long MaxPayload { get; init; }
}
