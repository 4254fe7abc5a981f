using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetGearSharp.Bench;

/// <summary>The message each benchmark frame carries: <c>{"t": send time in unix ms, "n": sequence}</c>. Reused per server.</summary>
internal sealed class StampMessage
{
    [JsonPropertyName("t")] public double T { get; set; }

    [JsonPropertyName("n")] public long N { get; set; }

    /// <summary>Now, in milliseconds since the Unix epoch (wall clock, comparable across processes).</summary>
    public static double NowMs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond;

    /// <summary>Reads <c>t</c> from a message's JSON without allocating.</summary>
    public static bool TryReadTime(ReadOnlySpan<byte> json, out double t)
    {
        var reader = new Utf8JsonReader(json);
        t = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTime = reader.ValueTextEquals("t"u8);
            if (!reader.Read()) return false;
            if (isTime) return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out t);
            reader.Skip();
        }
        return false;
    }
}
