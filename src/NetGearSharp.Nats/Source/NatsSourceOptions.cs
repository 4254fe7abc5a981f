using System.Text.Json;

namespace NetGearSharp.Nats;

/// <summary>Options of a <see cref="NatsPacketSource"/>: where to read forwarded packets from, and how to share them.</summary>
public sealed record NatsSourceOptions : NatsLinkOptions
{
    /// <summary>
    /// A queue group name: the sources of one group share the frames, each frame going to one of them. Null (the
    /// default): a plain subscription, every source sees every frame. State events always reach every source.
    /// </summary>
    public string? QueueGroup { get; init; }

    /// <summary>Read from the deployment's JetStream stream (replay, late join, durable sharing). Null: core NATS, live only.</summary>
    public NatsSourceJetStreamOptions? JetStream { get; init; }

    /// <summary>
    /// Packets waiting for the reader, at most. When the reader is slower, the oldest waiting packet is dropped and
    /// counted (a slow worker never holds up NATS or the forwarder); with <see cref="JetStream"/> the consumer waits
    /// for the reader instead (the stream keeps the frames), so nothing is dropped. Default 256.
    /// </summary>
    public int BufferCapacity { get; init; } = 256;

    /// <summary>End (complete the packet stream) once every forwarded server has ended. Default true.</summary>
    public bool AutoEnd { get; init; } = true;

    /// <summary>
    /// After the last server has ended, frames still arriving within this time are delivered before the stream ends
    /// (frames and state events travel separately). Default 1 s.
    /// </summary>
    public TimeSpan EndGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Keep the JPEG bytes of frames that travel the hop as JPEG (the camera's own JPEG passed through, or the hop's
    /// compression) on each packet (<see cref="NetGearPacket.Jpeg"/>) besides the decoded frame, as
    /// <see cref="NetGearClientOptions.KeepJpeg"/> does for a client. Costs a copy per frame. Default false.
    /// </summary>
    public bool KeepJpeg { get; init; }

    /// <summary>How <see cref="NetGearPacket.GetMessage{T}"/> reads messages; null: the core's defaults.</summary>
    public JsonSerializerOptions? MessageSerializerOptions { get; init; }
}
