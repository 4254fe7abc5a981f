using Microsoft.Extensions.Logging;

namespace NetGearSharp.Logging;

/// <summary>
/// The transport choice's log lines (category <see cref="NetGearClient"/> or <see cref="NetGearServer"/>, whichever
/// logger was given), event ids 3000-3099; listed in docs/logging.md.
/// </summary>
internal static partial class TransportLog
{
    /// <summary>
    /// Which transport <see cref="TransportKind.Auto"/> chose, and why: <see cref="LogLevel.Information"/> for libzmq,
    /// <see cref="LogLevel.Warning"/> for the NetMQ fallback. Once per process.
    /// </summary>
    [LoggerMessage(EventId = 3000, EventName = "TransportChosen",
        Message = "Transport Auto: using {Transport} ({Reason})")]
    public static partial void TransportChosen(this ILogger logger, LogLevel level, string transport, string reason);

    [LoggerMessage(EventId = 3001, EventName = "NetMqSecureExposed", Level = LogLevel.Warning,
        Message = "The NetMQ transport listens on {Address} in secure mode: it cannot tell which connection a message came from, nor read an encrypted header to check the port it names, so a sender holding the key can send frames and goodbyes in another server's name; the native transport (libzmq) can tell (docs/reliability.md)")]
    public static partial void NetMqSecureExposed(this ILogger logger, string address);
}
