using NetGearSharp.Transport;

namespace NetGearSharp.Server;

/// <summary>
/// When a sender reopens a socket whose security (CURVE) handshake failed: the client uses another secure mode, or
/// refused this server's key (<see cref="TransportEventKind.AuthenticationFailed"/>). libzmq does not connect to that
/// address again by itself after such a failure (it does after a connection that closed), so the sender closes its
/// socket and opens it again, and reaches a client fixed meanwhile without a restart; at most once every
/// <see cref="SocketSpec.ReconnectIntervalMax"/> after the socket was opened, as libzmq retries a closed connection.
/// The sender says when it opened its socket (<see cref="Opened"/>) and when a handshake failed (<see cref="Failed"/>);
/// what it does with <see cref="Refused"/> and <see cref="Due"/> is its own. Send thread only.
/// </summary>
internal sealed class HandshakeReopening(ServerSettings settings)
{
    /// <summary>When the socket was opened (<see cref="ServerSettings.Clock"/> ticks).</summary>
    private long _openedAt;

    /// <summary>A security handshake failed since the socket was opened.</summary>
    public bool Refused { get; private set; }

    /// <summary>
    /// Whether to reopen the socket now: a handshake failed since it was opened, at least
    /// <see cref="SocketSpec.ReconnectIntervalMax"/> ago.
    /// </summary>
    public bool Due => Refused && settings.Clock.Now - _openedAt >= settings.Socket.ReconnectIntervalMax.Ticks;

    /// <summary>The socket is being opened (or reopened): nothing has refused it yet.</summary>
    public void Opened()
    {
        _openedAt = settings.Clock.Now;
        Refused = false;
    }

    /// <summary>A security handshake of the socket failed.</summary>
    public void Failed() => Refused = true;
}
