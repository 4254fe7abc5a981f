namespace NetGearSharp.Transport.Zmtp;

/// <summary>What <see cref="ZmtpMeter"/> made of the bytes a peer sent.</summary>
internal enum ZmtpVerdict
{
    /// <summary>Within the limits: pass the bytes on.</summary>
    Pass,
    /// <summary>Not ZeroMQ 2 or 3 (no ZMTP signature): close the connection.</summary>
    NotZmtp,
    /// <summary>A message larger than the limit as a whole, or a part or command larger than any valid one: close.</summary>
    TooLarge,
    /// <summary>A message of more parts than any valid one has: close.</summary>
    TooManyParts,
    /// <summary>A message whose header names another port than the one it arrived on: close before it is complete.</summary>
    PortMismatch,
}
