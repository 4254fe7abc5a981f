namespace NetGearSharp.Cli.Viewing;

/// <summary>Where a view's packets come from: the NetGear client (<see cref="ClientViewSource"/>) or NATS (<see cref="NatsViewSource"/>).</summary>
internal interface IViewSource
{
    /// <summary>Every server and its state, for the status display and the montage.</summary>
    IReadOnlyList<ServerInfo> Servers { get; }

    /// <summary>The next packet, or null when none arrived within <paramref name="timeout"/> (or the source has ended).</summary>
    ValueTask<NetGearPacket?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Null while the source runs; why it ended once it has (and every packet was read).</summary>
    ValueTask<ViewOutcome?> EndedAsync();
}
