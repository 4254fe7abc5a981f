using System.Text.Json.Serialization;

namespace NetGearSharp.Benchmarks;

/// <summary>The load benchmark's message beside each frame: a send time and a sequence number.</summary>
public sealed class BenchMessage
{
    /// <summary>Send time, milliseconds since the epoch.</summary>
    [JsonPropertyName("t")] public double T { get; set; } = 1764287000123.25;

    /// <summary>Sequence number.</summary>
    [JsonPropertyName("n")] public long N { get; set; } = 12345;
}
