using NetGearSharp.Nats;

namespace NetGearSharp.Cli.Viewing;

/// <summary>A view of the streams forwarded to NATS; ends when every forwarded server has ended.</summary>
internal sealed class NatsViewSource(NatsPacketSource source) : IViewSource
{
    /// <inheritdoc />
    public IReadOnlyList<ServerInfo> Servers => source.Servers;

    /// <inheritdoc />
    public ValueTask<NetGearPacket?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) => source.ReceiveAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ViewOutcome?> EndedAsync()
    {
        if (!source.IsCompleted) return null;
        return await source.Completion.ConfigureAwait(false) == NatsSourceEndReason.AllServersGone ? ViewOutcome.AllServersGone : ViewOutcome.ClientEnded;
    }
}
