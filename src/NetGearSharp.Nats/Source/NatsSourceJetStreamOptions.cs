namespace NetGearSharp.Nats;

/// <summary>Reading a deployment's JetStream stream: from when, and under which durable name when sharing.</summary>
public sealed record NatsSourceJetStreamOptions
{
    /// <summary>The stream's name; null: the forwarder's default for the prefix (<c>NETGEAR_</c> and the prefix).</summary>
    public string? StreamName { get; init; }

    /// <summary>Replay from this time (JetStream's <c>DeliverPolicy.ByStartTime</c>). Null: see <see cref="FromBeginning"/>.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Without <see cref="StartTime"/>: true replays everything the stream holds, false (default) only new messages.</summary>
    public bool FromBeginning { get; init; }
}
