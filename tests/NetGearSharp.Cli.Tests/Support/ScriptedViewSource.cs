using NetGearSharp.Cli.Viewing;

namespace NetGearSharp.Cli.Tests.Support;

/// <summary>A view source that hands out the given packets once <paramref name="ready"/> completes, then ends.</summary>
internal sealed class ScriptedViewSource(Task ready, IEnumerable<NetGearPacket> packets) : IViewSource
{
    private readonly Queue<NetGearPacket> _packets = new(packets);

    public IReadOnlyList<ServerInfo> Servers => [];

    /// <summary>Packets handed out so far.</summary>
    public int Delivered { get; private set; }

    public async ValueTask<NetGearPacket?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_packets.TryDequeue(out var packet)) return null;
        Delivered++;
        return packet;
    }

    public ValueTask<ViewOutcome?> EndedAsync() => ValueTask.FromResult<ViewOutcome?>(_packets.Count == 0 ? ViewOutcome.AllServersGone : null);
}
