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
    public int Connections { get; set; }
    public DateTimeOffset? FirstSeen { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    public long LastFrameTicks { get; set; }
    /// <summary>When the last connection closed while the server had not said goodbye; 0 when not pending.</summary>
    public long DisconnectedTicks { get; set; }
    public byte[]? LastMessage { get; set; }
    public long AuthenticationFailures { get; set; }
    public string? LastAuthenticationFailure { get; set; }
    /// <summary>When a failed handshake on this port was last logged (monotonic ticks); 0 never.</summary>
    public long AuthenticationLoggedTicks { get; set; }
    public RateMeter Rate { get; } = new();
}
