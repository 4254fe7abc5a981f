using System.Globalization;

namespace NetGearSharp.NatsBench;

/// <summary>One run's figures.</summary>
internal sealed record HopResult
{
    public required string Name { get; init; }
    public required double ViewerFramesPerSecond { get; init; }
    public required double WorkerFramesPerSecond { get; init; }
    public required long Forwarded { get; init; }
    public required long Dropped { get; init; }
    public required long WorkerFrames { get; init; }
    /// <summary>From the viewer's receipt of a frame to the worker's, in milliseconds.</summary>
    public required double LatencyP50Ms { get; init; }
    public required double LatencyP99Ms { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: viewer {ViewerFramesPerSecond:0.0} f/s, worker {WorkerFramesPerSecond:0.0} f/s, " +
        $"forwarded {Forwarded}, dropped {Dropped}, hop latency p50 {LatencyP50Ms:0.00} ms, p99 {LatencyP99Ms:0.00} ms");
}
