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

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    internal void Validate()
    {
        if (MaxAge < TimeSpan.Zero) throw new ArgumentException($"JetStream MaxAge {MaxAge} is negative; give a positive age, or zero for no limit.", nameof(MaxAge));
        if (MaxBytes < 0) throw new ArgumentException($"JetStream MaxBytes {MaxBytes} is negative; give a positive size, or zero for no limit.", nameof(MaxBytes));
        if (Replicas is < 1 or > 5) throw new ArgumentException($"JetStream Replicas {Replicas} is out of range; allowed: 1 to 5.", nameof(Replicas));
        if (StreamName is { } name && (name.Length == 0 || name.Any(c => c is '.' or '*' or '>' || char.IsWhiteSpace(c))))
            throw new ArgumentException($"JetStream stream name '{name}' is invalid; no dots, wildcards or spaces.", nameof(StreamName));
    }
}
