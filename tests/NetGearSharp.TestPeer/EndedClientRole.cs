namespace NetGearSharp.TestPeer;

/// <summary>
/// A client with <see cref="NetGearClientOptions.AutoExit"/> on, read until it ends (its servers said goodbye), then
/// kept, not disposed, for <c>--hold</c> seconds: as an application that keeps an ended client around. Prints
/// <c>READY</c>, <c>ENDED reason</c> and, if the process is still alive after the hold, <c>HELD</c>.
/// </summary>
internal static class EndedClientRole
{
    public static async Task<int> RunAsync(PeerArgs a, CancellationToken stop)
    {
        await using var client = new NetGearClient(a.ClientOptions(autoExit: true));
        Output.Line("READY", string.Join(',', a.Ports));
        await foreach (var packet in client.ReadAllAsync(stop)) packet.Dispose();
        Output.Line("ENDED", await client.Completion);
        try { await Task.Delay(a.Hold, stop); } catch (OperationCanceledException) { }
        Output.Line("HELD");
        return 0;
    }
}
