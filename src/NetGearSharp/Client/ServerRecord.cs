namespace NetGearSharp.Client;

/// <summary>The client's mutable record of one server; guarded by the registry's lock.</summary>
internal sealed class ServerRecord
{
    public ServerRecord(int port) => Port = port;

    public int Port { get; }
    public ServerState State { get; set; } = ServerState.Waiting;
    public bool EverActive { get; set; }
    public long Frames { get; set; }
    public long Bytes { get; set; }
    public long Malformed { get; set; }
    public long Dropped { get; set; }
    public long FilteredOut { get; set; }
    /// <summary>Open TCP connections on the port (accepted minus closed), handshaken or not.</summary>
    public int Connections { get; set; }
    /// <summary>When the latest TCP connection on the port was accepted (monotonic ticks).</summary>
    public long LastAcceptTicks { get; set; }
    /// <summary>Connections that completed a ZeroMQ handshake and are still open (transports that report handshakes).</summary>
    public int Peers { get; set; }
    /// <summary>Failed handshakes whose close has not been reported yet: the next close is theirs, not a peer's.</summary>
    public int FailedHandshakes { get; set; }
    /// <summary>
    /// When a connection that may have been the server's closed while others stayed open; 0 when not pending. The server
    /// is lost if no valid message follows within stale + lost time (a junk connection left open does not keep it).
    /// </summary>
    public long SuspectTicks { get; set; }
    /// <summary>The latest such close (judged after <see cref="SuspectTicks"/> if the server spoke after that one).</summary>
    public long LastCloseTicks { get; set; }
    public DateTimeOffset? FirstSeen { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    public long LastFrameTicks { get; set; }
    /// <summary>When the last connection closed while the server had not said goodbye; 0 when not pending.</summary>
    public long DisconnectedTicks { get; set; }
    /// <summary>
    /// Until when (monotonic ticks) a close does not make the server lost because the client itself closed its
    /// connections (shed a connection flood on its port, see <see cref="ServerRegistry.OnShed"/>); 0 none.
    /// </summary>
    public long ShedGraceUntilTicks { get; set; }
    public byte[]? LastMessage { get; set; }
    public long AuthenticationFailures { get; set; }
    public string? LastAuthenticationFailure { get; set; }
    /// <summary>When a failed handshake on this port was last logged (monotonic ticks); 0 never.</summary>
    public long AuthenticationLoggedTicks { get; set; }
    public RateMeter Rate { get; } = new();
}
