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

    /// <summary>Reads <c>t</c> and <c>n</c> from a message's JSON without allocating; false without a numeric <c>t</c>. <paramref name="n"/> is -1 without one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out double t, out long n)
    {
        var reader = new Utf8JsonReader(json);
        t = 0;
        n = -1;
        var hasTime = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTime = reader.ValueTextEquals("t"u8);
            var isSequence = !isTime && reader.ValueTextEquals("n"u8);
            if (!reader.Read()) return false;
            if (isTime) hasTime = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out t);
            else if (isSequence && !(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out n))) n = -1;
            else reader.Skip();
            if (hasTime && n >= 0) break;
        }
        return hasTime;
    }
}
