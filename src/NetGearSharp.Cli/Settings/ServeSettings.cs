namespace NetGearSharp.Cli;

/// <summary>The checked arguments of <c>netgear serve</c>.</summary>
internal sealed record ServeSettings
{
    /// <summary>This server's port (its identity at the client).</summary>
    public required int Port { get; init; }

    /// <summary>Multi-client mode: the clients' ports (<see cref="Port"/> is then the first); null otherwise.</summary>
    public IReadOnlyList<int>? ClientPorts { get; init; }

    /// <summary>Bidirectional mode: print what the client returns with each answer.</summary>
    public bool Bidirectional { get; init; }

    /// <summary>The client's host or IP address.</summary>
    public required string Address { get; init; }

    /// <summary>Request/Reply or Publish/Subscribe.</summary>
    public required NetGearPattern Pattern { get; init; }

    /// <summary>The ZeroMQ implementation: NetMQ (managed) or the system's libzmq.</summary>
    public required TransportKind Transport { get; init; }

    /// <summary>Where the frames come from.</summary>
    public required SourceSpec Source { get; init; }

    /// <summary>The frame size; null: the source's own (640x480 for the test pattern and cameras).</summary>
    public required (int Width, int Height)? Size { get; init; }

    /// <summary>The sending rate; null: the source's own (30 for the test pattern); 0: as fast as possible.</summary>
    public required double? Fps { get; init; }

    /// <summary>Stop after this many frames; null: until the source ends or Ctrl+C.</summary>
    public required long? Frames { get; init; }

    /// <summary>The message sent with every frame (a JSON value or a string), or null.</summary>
    public required object? Message { get; init; }

    /// <summary>JPEG compression (null: raw frames).</summary>
    public required JpegOptions Jpeg { get; init; }

    /// <summary>Loop a video file.</summary>
    public required bool Loop { get; init; }

    /// <summary>Request/Reply: reply timeouts in a row before the server gives up; <see cref="NetGearServerOptions.RetryForever"/> (the tool's default): never.</summary>
    public int MaxRetries { get; init; } = NetGearServerOptions.RetryForever;

    /// <summary>Request/Reply: how long a frame waits for its reply before it is sent again.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>CURVE security (<c>--secure</c>, <c>--keys</c>); default none.</summary>
    public SecuritySettings Security { get; init; } = SecuritySettings.None;
}
