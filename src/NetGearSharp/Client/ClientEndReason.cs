namespace NetGearSharp;

/// <summary>Why a client stopped receiving.</summary>
public enum ClientEndReason
{
    /// <summary>Every server that had connected said goodbye or was lost (auto-exit).</summary>
    AllServersGone,
    /// <summary>No server connected within <see cref="NetGearClientOptions.WaitForFirstServer"/>.</summary>
    NoServerInTime,
    /// <summary>No frame arrived within <see cref="NetGearClientOptions.SubscriberTimeout"/>.</summary>
    SubscriberTimeout,
    /// <summary>The client was disposed.</summary>
    Disposed,
}
