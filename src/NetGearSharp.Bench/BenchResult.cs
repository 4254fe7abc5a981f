using System.Text.Json.Serialization;

namespace NetGearSharp.Bench;

/// <summary>The result of one run, with exactly the keys of the benchmark's JSON output.</summary>
internal sealed record BenchResult
{
    /// <summary>Number of servers.</summary>
    [JsonPropertyName("servers")] public required int Servers { get; init; }

    /// <summary><c>reqrep</c> or <c>pubsub</c>.</summary>
    [JsonPropertyName("pattern")] public required string Pattern { get; init; }

    /// <summary>Whether frames were JPEG-compressed.</summary>
    [JsonPropertyName("jpeg")] public required bool Jpeg { get; init; }

    /// <summary><c>netmq</c> or <c>native</c>.</summary>
    [JsonPropertyName("transport")] public required string Transport { get; init; }

    /// <summary>CURVE security of the run, <c>stonehouse</c> or <c>ironhouse</c>; null (and left out of the JSON) for a plain run.</summary>
    [JsonPropertyName("secure"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Secure { get; init; }

    /// <summary>Frames received during the measured interval, all servers together.</summary>
    [JsonPropertyName("frames")] public required long Frames { get; init; }

    /// <summary>Frames per second, all servers together.</summary>
    [JsonPropertyName("fps")] public required double Fps { get; init; }

    /// <summary>Payload megabytes (10^6 bytes, as they travel: raw or JPEG) per second.</summary>
    [JsonPropertyName("mbPerSec")] public required double MbPerSec { get; init; }

    /// <summary>Median of receive time minus the send time the server put in its message, in ms.</summary>
    [JsonPropertyName("latencyP50Ms")] public required double LatencyP50Ms { get; init; }

    /// <summary>99th percentile of the latency, in ms.</summary>
    [JsonPropertyName("latencyP99Ms")] public required double LatencyP99Ms { get; init; }

    /// <summary>Frames the servers sent during the interval that never reached the consumer (gaps in each server's sequence <c>n</c>), all servers together.</summary>
    [JsonPropertyName("dropped")] public required long Dropped { get; init; }

    /// <summary>Frames of the slowest server during the interval.</summary>
    [JsonPropertyName("perServerMin")] public required long PerServerMin { get; init; }

    /// <summary>Frames of the fastest server during the interval.</summary>
    [JsonPropertyName("perServerMax")] public required long PerServerMax { get; init; }

    /// <summary>CPU time of the client process (all its threads) during the interval.</summary>
    [JsonPropertyName("clientCpuSeconds")] public required double ClientCpuSeconds { get; init; }

    /// <summary>Generation-2 garbage collections in the client process during the interval.</summary>
    [JsonPropertyName("gen2Collections")] public required int Gen2Collections { get; init; }

    /// <summary>Peak working set of the client process, in MB (2^20 bytes).</summary>
    [JsonPropertyName("peakWorkingSetMB")] public required double PeakWorkingSetMB { get; init; }
}
