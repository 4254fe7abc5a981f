namespace NetGearSharp.Cli;

/// <summary>The checked arguments of <c>netgear view</c> (and the viewing half of <c>demo</c>).</summary>
internal sealed record ViewSettings
{
    /// <summary>The servers' ports.</summary>
    public required IReadOnlyList<int> Ports { get; init; }

    /// <summary>Bidirectional mode: every answer carries <see cref="ReturnData"/>.</summary>
    public bool Bidirectional { get; init; }

    /// <summary>Multi-client mode: this is one of several clients of one server (one port).</summary>
    public bool MultiClient { get; init; }

    /// <summary>The data returned with every answer (bidirectional or multi-client mode); null: none.</summary>
    public NetGearReturnData? ReturnData { get; init; }

    /// <summary>The local address to bind (<c>*</c>: all interfaces).</summary>
    public required string Address { get; init; }

    /// <summary>Request/Reply or Publish/Subscribe.</summary>
    public required NetGearPattern Pattern { get; init; }

    /// <summary>The ZeroMQ implementation: NetMQ (managed) or the system's libzmq.</summary>
    public required TransportKind Transport { get; init; }

    /// <summary>Accept frames only from these ports; null: all.</summary>
    public required IReadOnlyList<int>? Filter { get; init; }

    /// <summary>Servers behind a port forward: the port each names, mapped to the port of <see cref="Ports"/> it arrives on; null: none.</summary>
    public IReadOnlyDictionary<int, int>? ForwardedPorts { get; init; }

    /// <summary>Show the montage in an OpenCV window (skipped with a message when there is no display).</summary>
    public required bool Window { get; init; }

    /// <summary>Write each server's stream to its own video file in this directory; null: no recording.</summary>
    public required string? RecordDirectory { get; init; }

    /// <summary>How long each recorded file covers before a server's next frame starts a new one; null: one file per server.</summary>
    public required TimeSpan? RecordSegment { get; init; }

    /// <summary>The summary printed at the end.</summary>
    public required SummaryFormat Summary { get; init; }

    /// <summary>How long to wait for servers that have not connected; null: for ever.</summary>
    public required TimeSpan? WaitFirst { get; init; }

    /// <summary>Keep the view open when every server is gone (they may come back): it ends by Ctrl+C, q or the window only.</summary>
    public bool KeepOpen { get; init; }

    /// <summary>No frame for this long: stale.</summary>
    public required TimeSpan StaleAfter { get; init; }

    /// <summary>Disconnected without goodbye for this long: lost.</summary>
    public required TimeSpan LostAfter { get; init; }

    /// <summary>NATS: forward the received streams (<c>--forward</c>) or read forwarded ones (<c>--from</c>); null: neither.</summary>
    public NatsViewSettings? Nats { get; init; }

    /// <summary>Serve the live web page here; null: no page.</summary>
    public WebEndpoint? Web { get; init; }

    /// <summary>The montage tile size.</summary>
    public (int Width, int Height) TileSize { get; init; } = (320, 240);

    /// <summary>CURVE security (<c>--secure</c>, <c>--keys</c>); default none.</summary>
    public SecuritySettings Security { get; init; } = SecuritySettings.None;
}
