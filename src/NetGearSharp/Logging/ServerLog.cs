using Microsoft.Extensions.Logging;

namespace NetGearSharp.Logging;

/// <summary>The sending server's log lines (category <see cref="NetGearServer"/>), event ids 2000-2999; listed in docs/logging.md.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 2000, EventName = "ServerConnecting", Level = LogLevel.Information,
        Message = "Server for port {Port} connecting to {Endpoint} ({Pattern}{Jpeg})")]
    public static partial void ServerConnecting(this ILogger logger, string port, string endpoint, NetGearPattern pattern, string jpeg);

    [LoggerMessage(EventId = 2001, EventName = "ServerClosed", Level = LogLevel.Information,
        Message = "Server for port {Port} closed after {Frames} frames ({Ack})")]
    public static partial void ServerClosed(this ILogger logger, string port, long frames, string ack);

    [LoggerMessage(EventId = 2002, EventName = "SubscriberArrived", Level = LogLevel.Debug,
        Message = "Publisher's client subscribed after {Ms} ms; publishing")]
    public static partial void SubscriberArrived(this ILogger logger, long ms);

    [LoggerMessage(EventId = 2003, EventName = "NoSubscriber", Level = LogLevel.Information,
        Message = "No client subscribed within {Ms} ms (PublishConnectWait); publishing anyway")]
    public static partial void NoSubscriber(this ILogger logger, long ms);

    [LoggerMessage(EventId = 2004, EventName = "ConnectionRefused", Level = LogLevel.Warning,
        Message = "Server for port {Port}: the client at {Endpoint} did not accept the connection: {Reason}{Keys}")]
    public static partial void ConnectionRefused(this ILogger logger, int port, string endpoint, string reason, string keys);

    [LoggerMessage(EventId = 2005, EventName = "ReturnDataUnreadable", Level = LogLevel.Warning,
        Message = "The client at {Endpoint} returned data this server cannot read: {Reason}")]
    public static partial void ReturnDataUnreadable(this ILogger logger, string endpoint, string? reason);

    [LoggerMessage(EventId = 2006, EventName = "ReturnDataMissing", Level = LogLevel.Warning,
        Message = "The client at {Endpoint} answered without return data ({Reason}); is it in bidirectional or multi-client mode too?")]
    public static partial void ReturnDataMissing(this ILogger logger, string endpoint, string? reason);

    [LoggerMessage(EventId = 2007, EventName = "ReturnDataExtraParts", Level = LogLevel.Debug,
        Message = "The client at {Endpoint} sent {Count} parts for a {Type}; the extra ones are ignored")]
    public static partial void ReturnDataExtraParts(this ILogger logger, string endpoint, int count, string type);

    [LoggerMessage(EventId = 2008, EventName = "ReturnArrayParts", Level = LogLevel.Warning,
        Message = "The client at {Endpoint} returned an array in {Count} parts instead of 2")]
    public static partial void ReturnArrayParts(this ILogger logger, string endpoint, int count);

    [LoggerMessage(EventId = 2009, EventName = "ReturnJpegUnavailable", Level = LogLevel.Warning,
        Message = "A JPEG frame came back from {Endpoint} but it cannot be decoded: {Message}")]
    public static partial void ReturnJpegUnavailable(this ILogger logger, string endpoint, string message);

    [LoggerMessage(EventId = 2010, EventName = "ReturnFrameMalformed", Level = LogLevel.Warning,
        Message = "The frame returned by the client at {Endpoint} is malformed: {Reason}")]
    public static partial void ReturnFrameMalformed(this ILogger logger, string endpoint, string? reason);

    [LoggerMessage(EventId = 2011, EventName = "LentFrameHeld", Level = LogLevel.Warning,
        Message = "The transport still held a frame {Seconds} s after its socket to {Endpoint} was closed")]
    public static partial void LentFrameHeld(this ILogger logger, double seconds, string endpoint);

    [LoggerMessage(EventId = 2012, EventName = "ClientAnswersAgain", Level = LogLevel.Warning,
        Message = "The client at {Endpoint} answers again, after {Seconds:0} s without a reply ({Attempts} reconnects)")]
    public static partial void ClientAnswersAgain(this ILogger logger, string endpoint, double seconds, int attempts);

    [LoggerMessage(EventId = 2013, EventName = "WaitingForClient", Level = LogLevel.Debug,
        Message = "Waiting for a client at {Endpoint} ({Seconds:0} s so far)")]
    public static partial void WaitingForClient(this ILogger logger, string endpoint, double seconds);

    /// <summary>At <see cref="LogLevel.Warning"/> on the 1st, 2nd, 4th, 8th, ... timeout in a row, the others at <see cref="LogLevel.Debug"/>.</summary>
    [LoggerMessage(EventId = 2014, EventName = "ReplyTimeout",
        Message = "No reply from the client at {Endpoint} ({What}); reconnecting, attempt {Attempt} of {Max}")]
    public static partial void ReplyTimeout(this ILogger logger, LogLevel level, string endpoint, string what, int attempt, int max);

    /// <summary>
    /// <see cref="ReplyTimeout"/> of a server that retries for ever (<see cref="NetGearServerOptions.RetryForever"/>); the
    /// same levels.
    /// </summary>
    [LoggerMessage(EventId = 2015, EventName = "ReplyTimeoutRetryingForever",
        Message = "No reply from the client at {Endpoint} ({What}); reconnecting, attempt {Attempt} ({Seconds:0} s without a reply; retrying until it answers)")]
    public static partial void ReplyTimeoutRetryingForever(this ILogger logger, LogLevel level, string endpoint, string what, int attempt, double seconds);

    [LoggerMessage(EventId = 2016, EventName = "UnexpectedReply", Level = LogLevel.Debug,
        Message = "Unexpected reply of {Length} bytes from {Endpoint}")]
    public static partial void UnexpectedReply(this ILogger logger, int length, string endpoint);
}
