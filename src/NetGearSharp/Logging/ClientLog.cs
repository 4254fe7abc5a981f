using Microsoft.Extensions.Logging;

namespace NetGearSharp.Logging;

/// <summary>The client's log lines (category <see cref="NetGearClient"/>), event ids 1000-1999; listed in docs/logging.md.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 1000, EventName = "ClientListening", Level = LogLevel.Information,
        Message = "Client {Device} listening on {Endpoints} ({Pattern})")]
    public static partial void ClientListening(this ILogger logger, string device, string endpoints, NetGearPattern pattern);

    [LoggerMessage(EventId = 1001, EventName = "ClientEnded", Level = LogLevel.Information,
        Message = "Client ends: {Reason}")]
    public static partial void ClientEnded(this ILogger logger, ClientEndReason reason);

    [LoggerMessage(EventId = 1002, EventName = "PortsNeverConnectedWithinWait", Level = LogLevel.Warning,
        Message = "Ports {Ports} never connected within WaitForFirstServer ({Wait}); the client ends without them")]
    public static partial void PortsNeverConnectedWithinWait(this ILogger logger, string ports, TimeSpan wait);

    [LoggerMessage(EventId = 1003, EventName = "PortsNeverConnected", Level = LogLevel.Warning,
        Message = "Ports {Ports} never connected; the client ends without them when the servers that came are gone. Set WaitForAllServers = true to wait for every listed server")]
    public static partial void PortsNeverConnected(this ILogger logger, string ports);

    [LoggerMessage(EventId = 1004, EventName = "ServerStateChanged", Level = LogLevel.Information,
        Message = "Server {Port}: {Previous} -> {Current}")]
    public static partial void ServerStateChanged(this ILogger logger, int port, ServerState previous, ServerState current);

    [LoggerMessage(EventId = 1005, EventName = "ServerEventsDropped", Level = LogLevel.Warning,
        Message = "The server event handlers are {Backlog} events behind: {Dropped} events dropped so far (the latest, server {Port} {Previous} -> {Current}); ServerInfo still has every server's state")]
    public static partial void ServerEventsDropped(this ILogger logger, int backlog, long dropped, int port, ServerState previous, ServerState current);

    [LoggerMessage(EventId = 1006, EventName = "EventDispatchFailed", Level = LogLevel.Error,
        Message = "A server event handler threw; ignored")]
    public static partial void EventDispatchFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1007, EventName = "EventHandlerFailed", Level = LogLevel.Error,
        Message = "A {Event} handler threw for server {Port} ({Previous} -> {Current}); ignored, the other handlers run")]
    public static partial void EventHandlerFailed(this ILogger logger, Exception exception, string @event, int port, ServerState previous, ServerState current);

    [LoggerMessage(EventId = 1008, EventName = "MalformedMessageDropped", Level = LogLevel.Warning,
        Message = "Dropped a malformed message ({Kind}) from {Port}: {Reason}{More}")]
    public static partial void MalformedMessageDropped(this ILogger logger, MalformedKind kind, string port, string reason, string more);

    [LoggerMessage(EventId = 1009, EventName = "ConnectionsShed", Level = LogLevel.Warning,
        Message = "Port {Port}: {Detail}; a peer may be flooding it. Its server reconnects.")]
    public static partial void ConnectionsShed(this ILogger logger, int port, string? detail);

    [LoggerMessage(EventId = 1010, EventName = "ServerCouldNotConnect", Level = LogLevel.Warning,
        Message = "Server {Port} could not connect: {Reason}")]
    public static partial void ServerCouldNotConnect(this ILogger logger, int port, string? reason);

    [LoggerMessage(EventId = 1011, EventName = "ServerAuthenticationFailed", Level = LogLevel.Warning,
        Message = "Server {Port} failed to authenticate: {Reason}")]
    public static partial void ServerAuthenticationFailed(this ILogger logger, int port, string? reason);

    [LoggerMessage(EventId = 1012, EventName = "LentMemoryFull", Level = LogLevel.Warning,
        Message = "Received frames not yet disposed hold all the memory the transport lends (this frame: {Bytes:N0} bytes); further frames are copied into pooled memory, a copy each. A few queued frames this large can do it; otherwise frames are kept: dispose each packet (or frame) when done with it, unless kept on purpose.")]
    public static partial void LentMemoryFull(this ILogger logger, int bytes);

    [LoggerMessage(EventId = 1013, EventName = "JpegUnavailable", Level = LogLevel.Error,
        Message = "{Message}")]
    public static partial void JpegUnavailable(this ILogger logger, string message);

    [LoggerMessage(EventId = 1014, EventName = "ReceiveLoopFailed", Level = LogLevel.Critical,
        Message = "The receive loop failed; the client stops")]
    public static partial void ReceiveLoopFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1015, EventName = "GoodbyeWaitFailed", Level = LogLevel.Warning,
        Message = "Waiting for the servers that said goodbye to close failed")]
    public static partial void GoodbyeWaitFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1016, EventName = "ReceiveThreadStillRunning", Level = LogLevel.Warning,
        Message = "The receive thread did not end within 5 s of Dispose; it closes the socket when it ends")]
    public static partial void ReceiveThreadStillRunning(this ILogger logger);

    [LoggerMessage(EventId = 1017, EventName = "ReturnDataCallbackFailed", Level = LogLevel.Error,
        Message = "The ReturnData callback failed for port {Port}; answering with the data set for it instead")]
    public static partial void ReturnDataCallbackFailed(this ILogger logger, Exception exception, int? port);
}
