namespace NetGearSharp.Nats;

/// <summary>Why a <see cref="NatsPacketSource"/> stopped.</summary>
public enum NatsSourceEndReason
{
    /// <summary>Every forwarded server has ended (terminated or lost) and the grace time has passed.</summary>
    AllServersGone,
    /// <summary>The source was disposed.</summary>
    Disposed,
    /// <summary>Reading from NATS failed (see the log).</summary>
    Failed,
}
