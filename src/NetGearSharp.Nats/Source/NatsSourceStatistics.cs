namespace NetGearSharp.Nats;

/// <summary>What a source has received so far.</summary>
public sealed record NatsSourceStatistics
{
    /// <summary>Frames received and handed over (or waiting).</summary>
    public required long Frames { get; init; }

    /// <summary>Messages that were not valid forwarded frames or states (counted, skipped).</summary>
    public required long Malformed { get; init; }

    /// <summary>Packets dropped here because the reader was slower than the frames (oldest first).</summary>
    public required long Dropped { get; init; }

    /// <summary>Frames the forwarders reported dropped in their buffers (sum over ports, latest reports).</summary>
    public required long UpstreamDropped { get; init; }

    /// <summary>
    /// Frames missing from the per-server sequence numbers: dropped upstream (the viewer's queue, the forwarder's
    /// buffer) or lost on the way (e.g. a NATS node failing). Counted only without a queue group (a group member
    /// sees only its share).
    /// </summary>
    public required long Gaps { get; init; }

    /// <summary>State events received.</summary>
    public required long States { get; init; }

    /// <summary>Times the connection to NATS was lost (each time it reconnects by itself; see <see cref="NatsPacketSource.LinkChanged"/>).</summary>
    public long LinkLost { get; init; }

    /// <summary>How long the connection to NATS was down in all, counting a loss still going on.</summary>
    public TimeSpan LinkDownFor { get; init; }
}
