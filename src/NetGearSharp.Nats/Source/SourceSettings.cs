using System.Text.Json;
using NATS.Client.Core;
using NetGearSharp.Nats.Connection;
using NetGearSharp.Nats.Wire;

namespace NetGearSharp.Nats.Source;

/// <summary>A source's options, checked once.</summary>
internal sealed class SourceSettings
{
    private SourceSettings(NatsSourceOptions options)
    {
        Options = options;
        Subjects = new NatsSubjects(options.Prefix);
        Nats = NatsConnector.Build(options, subscriberCapacity: Math.Max(1024, options.BufferCapacity * 4));
        // A copy: later changes to the caller's instance do not reach the packets (NetGearPacket.Create prepares it once).
        Json = options.MessageSerializerOptions is { } json ? new JsonSerializerOptions(json) : null;
    }

    public NatsSourceOptions Options { get; }
    public NatsSubjects Subjects { get; }
    public NatsOpts Nats { get; }
    public JsonSerializerOptions? Json { get; }

    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static SourceSettings From(NatsSourceOptions options)
    {
        NatsConnector.Validate(options);
        if (options.QueueGroup is { } queue && (queue.Length == 0 || queue.Any(c => c is '*' or '>' or '.' || char.IsWhiteSpace(c))))
            throw new ArgumentException($"QueueGroup '{queue}' is invalid; give a name without spaces, dots or wildcards (e.g. workers).", nameof(options));
        if (options.BufferCapacity is < 1 or > 1_000_000)
            throw new ArgumentException($"BufferCapacity {options.BufferCapacity} is out of range; allowed: 1 to 1000000 packets.", nameof(options));
        NetGearSharp.Validate.NotInfinite(options.EndGrace, "EndGrace", "give zero or a positive time", nameof(options));
        if (options.EndGrace < TimeSpan.Zero)
            throw new ArgumentException($"EndGrace {options.EndGrace} is negative.", nameof(options));
        if (options.JetStream?.StreamName is { } name && (name.Length == 0 || name.Any(c => c is '.' or '*' or '>' || char.IsWhiteSpace(c))))
            throw new ArgumentException($"JetStream stream name '{name}' is invalid; no dots, wildcards or spaces.", nameof(options));
        return new SourceSettings(options);
    }
}
