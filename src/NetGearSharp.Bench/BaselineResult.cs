using System.Text.Json.Serialization;

namespace NetGearSharp.Bench;

/// <summary>The transport's own ceiling: one REQ/REP connection moving the benchmark frame with raw sockets.</summary>
internal sealed record BaselineResult
{
    /// <summary>Always <c>baseline</c>, so a stream of JSON lines can tell it from a run.</summary>
    [JsonPropertyName("kind")] public string Kind { get; } = "baseline";

    /// <summary><c>netmq</c> or <c>native</c>.</summary>
    [JsonPropertyName("transport")] public required string Transport { get; init; }

    /// <summary>Bytes per frame.</summary>
    [JsonPropertyName("frameBytes")] public required int FrameBytes { get; init; }

    /// <summary>Round trips (frame there, short reply back) during the interval.</summary>
    [JsonPropertyName("frames")] public required long Frames { get; init; }

    /// <summary>Round trips per second.</summary>
    [JsonPropertyName("fps")] public required double Fps { get; init; }

    /// <summary>Frame megabytes (10^6 bytes) per second.</summary>
    [JsonPropertyName("mbPerSec")] public required double MbPerSec { get; init; }
}
