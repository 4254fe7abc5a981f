namespace NetGearSharp;

/// <summary>What the client knows about one server.</summary>
public enum ServerState
{
    /// <summary>In the port list; not connected yet.</summary>
    Waiting,
    /// <summary>Connected; no frame yet.</summary>
    Connected,
    /// <summary>Frames are arriving.</summary>
    Streaming,
    /// <summary>Connected, but no frame for longer than the stale time.</summary>
    Stale,
    /// <summary>Gone without a goodbye: crashed, killed, or its link cut (heartbeats timed out).</summary>
    Lost,
    /// <summary>Said goodbye (sent its terminate message).</summary>
    Terminated,
    /// <summary>
    /// A sender tried this port and failed the security handshake (wrong keys, a key not allowed on this port, a plain
    /// sender on a secure client, or a secure sender on a plain client); nothing it sends is accepted. See
    /// <see cref="ServerInfo.LastAuthenticationFailure"/>. Seen with the native transport (NetMQ reports no handshakes).
    /// </summary>
    AuthenticationFailed,
}
