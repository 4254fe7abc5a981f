namespace NetGearSharp.Transport.Zmtp;

/// <summary>The most one message may carry in all its parts, where a <see cref="ZmtpMeter"/> counts them.</summary>
internal static class MessageCap
{
    /// <summary>
    /// How many limits the connections of one port may hold together, on either transport: one server sends on one
    /// connection, and for a moment on two (its new connection while the old one is not yet noticed gone).
    /// </summary>
    public const int PortLimitFactor = 2;

    /// <summary>
    /// For a socket that asked for a cap on whole messages (<see cref="SocketSpec.MaxUnreadBytes"/>: the client's);
    /// negative for one that did not. A meter counts one message at a time, so where parts are capped a message may carry
    /// a part's limit and 1 MiB more (a header and a frame; what a subscriber queues behind it is not on this
    /// connection's account), and never more than <see cref="SocketSpec.MaxUnreadBytes"/>.
    /// </summary>
    public static long For(SocketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.MaxUnreadBytes < 0) return -1;
        return spec.MaxMessageSize > 0 ? Math.Min(spec.MaxUnreadBytes, spec.MaxMessageSize + 1024 * 1024) : spec.MaxUnreadBytes;
    }
}
