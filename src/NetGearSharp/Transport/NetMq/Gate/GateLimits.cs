using NetGearSharp.Transport.Zmtp;

namespace NetGearSharp.Transport.NetMq.Gate;

/// <summary>What a <see cref="NetMqGate"/> lets one connection do, from the socket's <see cref="SocketSpec"/>.</summary>
/// <param name="MaxMessageBytes">The most one message may carry in all its parts.</param>
/// <param name="MaxPartBytes">The most one part may carry (<see cref="SocketSpec.MaxMessageSize"/>); negative for no limit.</param>
/// <param name="HandshakeTimeout">How long a connection may take to send its greeting and first command.</param>
/// <param name="ReceiveBufferBytes">The kernel receive buffer of each accepted connection; null for the system's.</param>
/// <param name="NamedPort">Reads the port a header names, to close a connection speaking for another port; null checks none.</param>
internal sealed record GateLimits(long MaxMessageBytes, long MaxPartBytes, TimeSpan HandshakeTimeout, int? ReceiveBufferBytes, HeaderPortReader? NamedPort = null)
{
    /// <summary>
    /// The limits for a socket that asked for a cap on whole messages (<see cref="SocketSpec.MaxUnreadBytes"/>: the
    /// client's); null for one that did not, which then binds NetMQ directly. See <see cref="MessageCap"/>.
    /// </summary>
    public static GateLimits? For(SocketSpec spec)
    {
        if (spec.MaxUnreadBytes < 0) return null;
        return new GateLimits(MessageCap.For(spec), spec.MaxMessageSize, spec.HandshakeTimeout ?? TimeSpan.FromSeconds(10), spec.ReceiveBufferBytes ?? spec.BacklogBufferBytes, spec.NamedPort);
    }
}
