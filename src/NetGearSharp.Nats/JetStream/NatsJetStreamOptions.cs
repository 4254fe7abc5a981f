namespace NetGearSharp.Nats;

/// <summary>
/// JetStream for a deployment: one stream captures every subject of the prefix (<c>PREFIX.&gt;</c>), with limits, so
/// workers can join late, share a durable consumer, or replay from a time.
/// </summary>
public sealed record NatsJetStreamOptions
{
    /// <summary>The stream's name; null: <c>NETGEAR_</c> and the prefix in upper case (dots as underscores).</summary>
    public string? StreamName { get; init; }

    /// <summary>Messages older than this are removed. Default 1 hour. <see cref="TimeSpan.Zero"/>: no age limit.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The stream's size limit in bytes; the oldest messages go first. Default 1 GiB. 0: no limit.</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>Keep the stream in memory instead of files (faster, lost on a server restart). Default false.</summary>
    public bool InMemory { get; init; }

    /// <summary>Copies of the stream in a cluster (1 to 5). Default 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>
    /// How long a frame (or state event) the stream has not acknowledged is sent again (same <c>Nats-Msg-Id</c>: the
    /// stream keeps one copy) before it is counted as failed: it covers a node's death and the stream electing a new
    /// leader, while newer frames wait in the forwarder's buffer. Default 15 s. <see cref="TimeSpan.Zero"/>: no retry.
    /// </summary>
    public TimeSpan PublishRetryFor { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the stream remembers message ids to drop a frame sent again (JetStream's duplicate window). Default
    /// 2 minutes; at least <see cref="PublishRetryFor"/>. A shorter <see cref="MaxAge"/> shortens it to that (NATS allows no
    /// longer window).
    /// </summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    internal void Validate()
    {
        NetGearSharp.Validate.NotInfinite(MaxAge, "JetStream MaxAge", "give a positive age, or zero for no limit", nameof(MaxAge));
        NetGearSharp.Validate.NotInfinite(PublishRetryFor, "JetStream PublishRetryFor", "give a duration, or zero for no retry", nameof(PublishRetryFor));
        NetGearSharp.Validate.NotInfinite(DuplicateWindow, "JetStream DuplicateWindow", "give a positive time of at least PublishRetryFor", nameof(DuplicateWindow));
        if (MaxAge < TimeSpan.Zero) throw new ArgumentException($"JetStream MaxAge {MaxAge} is negative; give a positive age, or zero for no limit.", nameof(MaxAge));
        // The stream remembers a frame's id no longer than MaxAge (its duplicate window): a frame sent again later would be stored twice.
        if (MaxAge > TimeSpan.Zero && MaxAge < PublishRetryFor)
            throw new ArgumentException($"JetStream MaxAge {MaxAge} is shorter than PublishRetryFor ({PublishRetryFor}); give at least that (or zero for no limit), or a shorter PublishRetryFor.", nameof(MaxAge));
        if (MaxBytes < 0) throw new ArgumentException($"JetStream MaxBytes {MaxBytes} is negative; give a positive size, or zero for no limit.", nameof(MaxBytes));
        if (PublishRetryFor < TimeSpan.Zero) throw new ArgumentException($"JetStream PublishRetryFor {PublishRetryFor} is negative; give a duration, or zero for no retry.", nameof(PublishRetryFor));
        if (DuplicateWindow <= TimeSpan.Zero || DuplicateWindow < PublishRetryFor)
            throw new ArgumentException($"JetStream DuplicateWindow {DuplicateWindow} must be positive and at least PublishRetryFor ({PublishRetryFor}), so a frame sent again is stored once.", nameof(DuplicateWindow));
        if (Replicas is < 1 or > 5) throw new ArgumentException($"JetStream Replicas {Replicas} is out of range; allowed: 1 to 5.", nameof(Replicas));
        if (StreamName is { } name && (name.Length == 0 || name.Any(c => c is '.' or '*' or '>' || char.IsWhiteSpace(c))))
            throw new ArgumentException($"JetStream stream name '{name}' is invalid; no dots, wildcards or spaces.", nameof(StreamName));
    }
}
