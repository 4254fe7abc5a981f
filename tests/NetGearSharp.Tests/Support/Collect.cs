namespace NetGearSharp.Tests.Support;

/// <summary>Reads every packet until the client ends, bounded by a timeout; disposes the packets' frames after the check.</summary>
public static class Collect
{
    public static async Task<List<(int Port, long Sequence, string? Message, bool Matches)>> UntilEnd(
        NetGearClient client, TimeSpan timeout, Func<NetGearPacket, bool>? check = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        var list = new List<(int, long, string?, bool)>();
        try
        {
            await foreach (var packet in client.ReadAllAsync(cts.Token))
            {
                using (packet) list.Add((packet.Port, packet.Sequence, packet.MessageJson, check?.Invoke(packet) ?? true));
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client did not end within {timeout}; got {list.Count} packets. Servers: " +
                string.Join("; ", client.Servers.Select(s => $"{s.Port} {s.State} {s.Frames}")));
        }
        return list;
    }
}
