using System.Globalization;
using System.Text.Json;
using NetGearSharp.Nats;

namespace NetGearSharp.Cli.Viewing;

/// <summary>The NATS counts in the JSON summary: <c>"nats"</c> for a reader (<c>--from</c>), <c>"forwarded"</c> for a forwarder (<c>--forward</c>).</summary>
internal static class NatsSummaryJson
{
    /// <summary>A reader's counts, as <c>"nats":{…}</c> (the <c>nats:</c> line's, and the link's).</summary>
    public static Action<Utf8JsonWriter> Source(NatsSourceStatistics s) => json =>
    {
        json.WriteStartObject("nats");
        json.WriteNumber("frames", s.Frames);
        json.WriteNumber("upstreamDropped", s.UpstreamDropped);
        json.WriteNumber("dropped", s.Dropped);
        json.WriteNumber("gaps", s.Gaps);
        json.WriteNumber("malformed", s.Malformed);
        json.WriteNumber("states", s.States);
        json.WriteNumber("linkLost", s.LinkLost);
        json.WriteNumber("linkDownSeconds", Math.Round(s.LinkDownFor.TotalSeconds, 3));
        json.WriteEndObject();
    };

    /// <summary>A forwarder's counts, as <c>"forwarded":{…}</c> (the <c>forwarded:</c> line's, and the link's).</summary>
    public static Action<Utf8JsonWriter> Forwarder(NatsForwarderStatistics s) => json =>
    {
        json.WriteStartObject("forwarded");
        json.WriteNumber("posted", s.Posted);
        json.WriteNumber("published", s.Published);
        json.WriteNumber("dropped", s.Dropped);
        json.WriteNumber("droppedWhileLinkDown", s.DroppedWhileLinkDown);
        json.WriteNumber("failed", s.Failed);
        json.WriteNumber("abandoned", s.Abandoned);
        json.WriteNumber("tooLarge", s.TooLarge);
        json.WriteNumber("jpegPassedThrough", s.JpegPassedThrough);
        json.WriteNumber("publishRetries", s.PublishRetries);
        json.WriteNumber("states", s.States);
        json.WriteNumber("statesFailed", s.StatesFailed);
        json.WriteNumber("statesMerged", s.StatesMerged);
        json.WriteNumber("maxPayload", s.MaxPayload);
        json.WriteNumber("linkLost", s.LinkLost);
        json.WriteNumber("linkDownSeconds", Math.Round(s.LinkDownFor.TotalSeconds, 3));
        WritePorts(json, "droppedByPort", s.DroppedByPort);
        WritePorts(json, "tooLargeByPort", s.TooLargeByPort);
        json.WriteEndObject();
    };

    private static void WritePorts(Utf8JsonWriter json, string name, IReadOnlyDictionary<int, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (port, count) in counts.OrderBy(p => p.Key)) json.WriteNumber(port.ToString(CultureInfo.InvariantCulture), count);
        json.WriteEndObject();
    }
}
