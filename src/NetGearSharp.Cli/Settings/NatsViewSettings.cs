namespace NetGearSharp.Cli;

/// <summary>The checked NATS arguments of <c>netgear view</c>: forwarding the received streams, or reading forwarded ones.</summary>
internal sealed record NatsViewSettings
{
    /// <summary><c>--forward</c>: publish every received packet to these NATS servers; null: no forwarding.</summary>
    public IReadOnlyList<string>? ForwardUrls { get; init; }

    /// <summary><c>--from</c>: read forwarded streams from these NATS servers instead of binding ports; null: local servers.</summary>
    public IReadOnlyList<string>? FromUrls { get; init; }

    /// <summary><c>--nats-prefix</c>: the subject prefix.</summary>
    public string Prefix { get; init; } = "netgear";

    /// <summary><c>--nats-creds</c>: a NATS credentials file.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary><c>--nats-user</c> / <c>--nats-password</c>.</summary>
    public string? User { get; init; }

    /// <summary>The password for <see cref="User"/>.</summary>
    public string? Password { get; init; }

    /// <summary><c>--nats-ca</c>: a CA certificate file to trust for TLS.</summary>
    public string? CaFile { get; init; }

    /// <summary><c>--nats-buffer</c>: frames waiting to be published, at most (oldest dropped beyond).</summary>
    public int Buffer { get; init; } = 64;

    /// <summary><c>--nats-jpeg</c>: compress raw uint8 frames to JPEG for the hop.</summary>
    public bool Jpeg { get; init; }

    /// <summary><c>--jetstream</c>: publish into (or read from) the deployment's JetStream stream.</summary>
    public bool JetStream { get; init; }

    /// <summary><c>--jetstream-max-age</c>.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>--jetstream-max-bytes</c>.</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary><c>--jetstream-replicas</c>: copies of the stream in a cluster.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary><c>--queue</c>: read as one worker of this queue group.</summary>
    public string? Queue { get; init; }

    /// <summary><c>--replay-from</c>: replay the stream from this time (with <c>--jetstream</c>).</summary>
    public DateTimeOffset? ReplayFrom { get; init; }

    /// <summary><c>--replay-from start</c>: replay everything the stream holds.</summary>
    public bool ReplayAll { get; init; }
}
