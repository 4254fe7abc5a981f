namespace NetGearSharp.Nats;

/// <summary>The connection to NATS was lost (NATS.Net reconnects by itself), or is back.</summary>
public sealed class NatsLinkEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="isUp">True: the link is back; false: it was lost.</param>
    /// <param name="downFor">When back: how long it was down; when lost: zero.</param>
    public NatsLinkEventArgs(bool isUp, TimeSpan downFor)
    {
        IsUp = isUp;
        DownFor = downFor;
    }

    /// <summary>True: the link is back; false: it was lost and is being made again.</summary>
    public bool IsUp { get; }

    /// <summary>When <see cref="IsUp"/>: how long the link was down; otherwise zero.</summary>
    public TimeSpan DownFor { get; }
}
