namespace NetGearSharp.Cli;

/// <summary>The checked arguments of <c>netgear demo</c>.</summary>
internal sealed record DemoSettings
{
    /// <summary>How many test-pattern servers to start.</summary>
    public required int Servers { get; init; }

    /// <summary>How long the servers send; null: until Ctrl+C.</summary>
    public required TimeSpan? Duration { get; init; }

    /// <summary>The test pattern's size.</summary>
    public required (int Width, int Height) Size { get; init; }

    /// <summary>Each server's rate.</summary>
    public required double Fps { get; init; }

    /// <summary>Request/Reply or Publish/Subscribe.</summary>
    public required NetGearPattern Pattern { get; init; }

    /// <summary>The ZeroMQ implementation: NetMQ (managed) or the system's libzmq.</summary>
    public required TransportKind Transport { get; init; }

    /// <summary>JPEG compression of the servers.</summary>
    public required JpegOptions Jpeg { get; init; }

    /// <summary>Whether to try the montage window (only when a display exists).</summary>
    public required bool Window { get; init; }

    /// <summary>Serve the live web page here; null: no page.</summary>
    public WebEndpoint? Web { get; init; }

    /// <summary>The summary printed at the end.</summary>
    public required SummaryFormat Summary { get; init; }

    /// <summary>CURVE security (<c>--secure</c>, <c>--keys</c>); default none.</summary>
    public SecuritySettings Security { get; init; } = SecuritySettings.None;
}
