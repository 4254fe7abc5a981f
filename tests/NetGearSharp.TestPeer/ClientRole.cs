using System.Text.Json;

namespace NetGearSharp.TestPeer;

/// <summary>
/// A client over all ports that prints <c>EVENT ms port previous current</c> on each state change and
/// <c>FRAMES ms port=count,...</c> every 200 ms (and the library's warnings as <c>LOG</c> lines), reading (and dropping) every frame. For tests that need the client
/// in another network namespace.
/// </summary>
internal static class ClientRole
{
    public static async Task<int> RunAsync(PeerArgs a, CancellationToken stop)
    {
        await using var client = new NetGearClient(a.ClientOptions(autoExit: false));
        client.ServerStateChanged += (_, e) => Output.Line("EVENT", e.Port, e.Previous, e.Current);
        Output.Line("READY", string.Join(',', a.Ports));
        var counts = a.Ports.ToDictionary(p => p, _ => 0L);
        var report = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                lock (counts) Output.Line("FRAMES", string.Join(',', counts.Select(kv => $"{kv.Key}={kv.Value}")));
                try { await Task.Delay(200, stop); } catch (OperationCanceledException) { }
            }
        });
        try
        {
            await foreach (var packet in client.ReadAllAsync(stop))
            {
                using (packet)
                {
                    lock (counts) counts[packet.Port]++;
                }
            }
        }
        catch (OperationCanceledException) { }
        await report;
        Output.Line("STATS", JsonSerializer.Serialize(client.Statistics));
        return 0;
    }
}
