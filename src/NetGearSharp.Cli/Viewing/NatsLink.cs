using Microsoft.Extensions.Logging;
using NetGearSharp.Nats;

namespace NetGearSharp.Cli.Viewing;

/// <summary>Turns the checked NATS arguments into the library's forwarder and source options.</summary>
internal static class NatsLink
{
    /// <summary>The forwarder's options for <c>--forward</c>.</summary>
    public static NatsForwarderOptions Forwarder(NatsViewSettings nats, ILoggerFactory logging) => new()
    {
        Urls = nats.ForwardUrls!,
        Prefix = nats.Prefix,
        CredentialsFile = nats.CredentialsFile,
        UserName = nats.User,
        Password = nats.Password,
        TlsCaFile = nats.CaFile,
        ConnectionName = "netgear view --forward",
        BufferCapacity = nats.Buffer,
        Compression = nats.Jpeg ? NatsHopCompression.Jpeg : NatsHopCompression.None,
        JetStream = nats.JetStream ? new NatsJetStreamOptions { MaxAge = nats.MaxAge, MaxBytes = nats.MaxBytes, Replicas = nats.Replicas } : null,
        LoggerFactory = logging,
    };

    /// <summary>The source's options for <c>--from</c>.</summary>
    public static NatsSourceOptions Source(NatsViewSettings nats, bool keepOpen, ILoggerFactory logging) => new()
    {
        AutoEnd = !keepOpen,
        Urls = nats.FromUrls!,
        Prefix = nats.Prefix,
        CredentialsFile = nats.CredentialsFile,
        UserName = nats.User,
        Password = nats.Password,
        TlsCaFile = nats.CaFile,
        ConnectionName = nats.Queue is null ? "netgear view --from" : $"netgear view --from --queue {nats.Queue}",
        QueueGroup = nats.Queue,
        JetStream = nats.JetStream ? new NatsSourceJetStreamOptions { StartTime = nats.ReplayFrom, FromBeginning = nats.ReplayAll } : null,
        LoggerFactory = logging,
    };
}
