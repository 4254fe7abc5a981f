using Microsoft.Extensions.Logging;

namespace NetGearSharp.Nats.Logging;

/// <summary>The NATS source's log lines (category <see cref="NatsPacketSource"/>), event ids 4000-4099; listed in docs/logging.md.</summary>
internal static partial class NatsSourceLog
{
    [LoggerMessage(EventId = 4000, EventName = "SourceStatesUnfiltered", Level = LogLevel.Warning,
        Message = "NATS source: nats-server {Version} cannot filter a JetStream consumer by a list of subjects (that came with 2.10), so this queue worker's consumer of the state events receives every frame of stream '{Stream}' and drops it: each worker of group '{Group}' downloads the whole stream besides its share of the frames (with N workers, N times the stream's traffic). Upgrade to nats-server 2.10 or later.")]
    public static partial void SourceStatesUnfiltered(this ILogger logger, string? version, string stream, string? group);

    [LoggerMessage(EventId = 4001, EventName = "SourceReadFailed", Level = LogLevel.Error,
        Message = "NATS source: reading the frames failed")]
    public static partial void SourceReadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4002, EventName = "SourceConsumerFailed", Level = LogLevel.Error,
        Message = "NATS source: reading the JetStream consumer failed")]
    public static partial void SourceConsumerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, EventName = "SourceJpegUnavailable", Level = LogLevel.Error,
        Message = "NATS source: {Message}")]
    public static partial void SourceJpegUnavailable(this ILogger logger, string message);

    [LoggerMessage(EventId = 4004, EventName = "SourceMalformedSkipped", Level = LogLevel.Debug,
        Message = "NATS source: skipped a malformed message on {Subject}: {Error}")]
    public static partial void SourceMalformedSkipped(this ILogger logger, string subject, string? error);

    [LoggerMessage(EventId = 4005, EventName = "SourcePendingUnknown", Level = LogLevel.Debug,
        Message = "NATS source: cannot read the consumer's pending count yet: {Error}")]
    public static partial void SourcePendingUnknown(this ILogger logger, string error);

    [LoggerMessage(EventId = 4006, EventName = "SourceLinkBack", Level = LogLevel.Information,
        Message = "NATS source: the link to NATS is back after {DownFor}")]
    public static partial void SourceLinkBack(this ILogger logger, TimeSpan downFor);

    [LoggerMessage(EventId = 4007, EventName = "SourceLinkLost", Level = LogLevel.Information,
        Message = "NATS source: the link to NATS is lost; reconnecting")]
    public static partial void SourceLinkLost(this ILogger logger);

    [LoggerMessage(EventId = 4008, EventName = "SourceHandlerFailed", Level = LogLevel.Error,
        Message = "NATS source: a {Event} handler threw")]
    public static partial void SourceHandlerFailed(this ILogger logger, Exception exception, string @event);
}
