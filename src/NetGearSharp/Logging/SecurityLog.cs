using Microsoft.Extensions.Logging;

namespace NetGearSharp.Logging;

/// <summary>
/// The secure modes' log lines (CURVE keys, IronHouse lists; category <see cref="NetGearClient"/> or
/// <see cref="NetGearServer"/>), event ids 3100-3199; listed in docs/logging.md.
/// </summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 3100, EventName = "ClientKeyPair", Level = LogLevel.Information,
        Message = "{Mode}: the client uses the server key pair of {File} (public key {Key}); senders need this public key")]
    public static partial void ClientKeyPair(this ILogger logger, SecureMode mode, string file, string key);

    [LoggerMessage(EventId = 3101, EventName = "PortKeyListsUnused", Level = LogLevel.Information,
        Message = "IronHouse: the key folder's lists for port(s) {Ports} are unused: this client does not view them ({Folder})")]
    public static partial void PortKeyListsUnused(this ILogger logger, string ports, string folder);

    [LoggerMessage(EventId = 3102, EventName = "KeyRefused", Level = LogLevel.Warning,
        Message = "Server {Port} failed to authenticate: public key {Key} refused, {Reason}")]
    public static partial void KeyRefused(this ILogger logger, string port, string key, string reason);

    [LoggerMessage(EventId = 3103, EventName = "AllowedKeys", Level = LogLevel.Information,
        Message = "IronHouse: {Count} key(s) allowed from {Folder}; ports with their own list: {Ports}")]
    public static partial void AllowedKeys(this ILogger logger, int count, string folder, string ports);

    [LoggerMessage(EventId = 3104, EventName = "ServerKeyPair", Level = LogLevel.Information,
        Message = "{Mode}: sending with the client key pair of {File} (public key {Key}) to the client whose public key is {ServerKey} ({ServerFile})")]
    public static partial void ServerKeyPair(this ILogger logger, SecureMode mode, string file, string key, string serverKey, string serverFile);
}
