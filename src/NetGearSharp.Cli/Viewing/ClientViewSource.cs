namespace NetGearSharp.Cli.Viewing;

/// <summary>A view of the servers that stream to this process's <see cref="NetGearClient"/>; ends by the library's end rule.</summary>
internal sealed class ClientViewSource(NetGearClient client) : IViewSource
{
    /// <inheritdoc />
    public IReadOnlyList<ServerInfo> Servers => client.Servers;

    /// <inheritdoc />
    public ValueTask<NetGearPacket?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken) => client.ReceiveAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ViewOutcome?> EndedAsync()
    {
        if (!client.IsCompleted) return null;
        return await client.Completion.ConfigureAwait(false) switch
        {
            ClientEndReason.AllServersGone => ViewOutcome.AllServersGone,
            ClientEndReason.NoServerInTime => ViewOutcome.NoServerInTime,
            _ => ViewOutcome.ClientEnded,
        };
    }
}
