using Microsoft.Extensions.Logging;

namespace NetGearSharp.Nats.Logging;

/// <summary>The NATS forwarder's log lines (category <see cref="NatsForwarder"/>), event ids 4100-4199; listed in docs/logging.md.</summary>
internal static partial class NatsForwarderLog
{
    [LoggerMessage(EventId = 4100, EventName = "ForwarderJpegNotKept", Level = LogLevel.Warning,
        Message = "NATS forwarder: server {Port} sends JPEG but the client does not keep the JPEG bytes (NetGearClientOptions.KeepJpeg is false): the decoded frames are forwarded {How}; create the client with KeepJpeg = true to pass the JPEG on as it came")]
    public static partial void ForwarderJpegNotKept(this ILogger logger, int port, string how);

    [LoggerMessage(EventId = 4101, EventName = "ForwarderFramesAbandoned", Level = LogLevel.Warning,
        Message = "NATS forwarder: {Abandoned} frame(s) still unpublished after {Timeout} (NATS {Link}); giving up on them (counted as abandoned)")]
    public static partial void ForwarderFramesAbandoned(this ILogger logger, long abandoned, TimeSpan timeout, string link);

    [LoggerMessage(EventId = 4102, EventName = "ForwarderLinkBack", Level = LogLevel.Information,
        Message = "NATS forwarder: the link to NATS is back after {DownFor}")]
    public static partial void ForwarderLinkBack(this ILogger logger, TimeSpan downFor);

    [LoggerMessage(EventId = 4103, EventName = "ForwarderLinkLost", Level = LogLevel.Information,
        Message = "NATS forwarder: the link to NATS is lost; frames wait in the buffer ({Capacity} at most, the oldest dropped)")]
    public static partial void ForwarderLinkLost(this ILogger logger, int capacity);

    [LoggerMessage(EventId = 4104, EventName = "ForwarderHandlerFailed", Level = LogLevel.Error,
        Message = "NATS forwarder: a LinkChanged handler threw")]
    public static partial void ForwarderHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4105, EventName = "ForwarderPublishFailed", Level = LogLevel.Warning,
        Message = "NATS forwarder: publishing to {Subject} failed ({Failed} so far): {Error}")]
    public static partial void ForwarderPublishFailed(this ILogger logger, string subject, long failed, string error);

    [LoggerMessage(EventId = 4106, EventName = "ForwarderFrameTooLarge", Level = LogLevel.Error,
        Message = "NATS forwarder: {Message} Its frames are not forwarded (counted as too large); the other servers' frames go on.")]
    public static partial void ForwarderFrameTooLarge(this ILogger logger, string message);

    [LoggerMessage(EventId = 4107, EventName = "ForwarderPublishRetry", Level = LogLevel.Debug,
        Message = "NATS forwarder: {Subject} not acknowledged ({Error}); sending it again in {Wait}")]
    public static partial void ForwarderPublishRetry(this ILogger logger, string subject, string error, TimeSpan wait);
}
