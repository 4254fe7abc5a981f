using NetGearSharp.Nats;

namespace NetGearSharp.Cli.Viewing;

/// <summary>
/// A view of the streams forwarded to NATS; ends when every forwarded server has ended, or (with
/// <paramref name="waitFirst"/>) when no forwarded server has been seen within that time.
/// </summary>
internal sealed class NatsViewSource(NatsPacketSource source, TimeSpan? waitFirst = null) : IViewSource
{
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public IReadOnlyList<ServerInfo> Servers => source.Servers;

    /// <inheritdoc />
    public ValueTask<NetGearPacket?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) => source.ReceiveAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ViewOutcome?> EndedAsync()
    {
        if (!source.IsCompleted)
        {
            var late = waitFirst is { } wait && source.Servers.Count == 0 && System.Diagnostics.Stopwatch.GetElapsedTime(_started) >= wait;
            return late ? ViewOutcome.NoServerInTime : null;
        }
        return await source.Completion.ConfigureAwait(false) == NatsSourceEndReason.AllServersGone ? ViewOutcome.AllServersGone : ViewOutcome.ClientEnded;
    }
}
