using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NetGearSharp.Nats.Wire;

namespace NetGearSharp.Nats.JetStream;

/// <summary>Creates (or updates) a deployment's stream.</summary>
internal static class StreamSetup
{
    public static string NameOf(NatsJetStreamOptions options, NatsSubjects subjects) => options.StreamName ?? subjects.DefaultStreamName();

    public static async Task<string> EnsureAsync(NatsJSContext js, NatsJetStreamOptions options, NatsSubjects subjects, CancellationToken cancellationToken)
    {
        var name = NameOf(options, subjects);
        var config = new StreamConfig(name, [subjects.All])
        {
            MaxAge = options.MaxAge,
            MaxBytes = options.MaxBytes == 0 ? -1 : options.MaxBytes,
            Storage = options.InMemory ? StreamConfigStorage.Memory : StreamConfigStorage.File,
            NumReplicas = options.Replicas,
            Discard = StreamConfigDiscard.Old,
            // NATS refuses a duplicate window longer than the stream's MaxAge (1-119 s failed with the default 2 min).
            DuplicateWindow = options.MaxAge > TimeSpan.Zero && options.MaxAge < options.DuplicateWindow ? options.MaxAge : options.DuplicateWindow,
        };
        await js.CreateOrUpdateStreamAsync(config, cancellationToken).ConfigureAwait(false);
        return name;
    }
}
