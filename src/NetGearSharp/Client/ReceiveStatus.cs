namespace NetGearSharp.Client;

/// <summary>The outcome of waiting for a message's header part.</summary>
internal enum ReceiveStatus
{
    /// <summary>Nothing arrived in time.</summary>
    Nothing,
    /// <summary>A header part arrived.</summary>
    Header,
    /// <summary>The routing envelope was malformed; the message was drained.</summary>
    BadEnvelope,
}
