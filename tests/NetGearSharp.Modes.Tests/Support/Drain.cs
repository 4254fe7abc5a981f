using System.Collections.Concurrent;

namespace NetGearSharp.Modes.Tests.Support;

/// <summary>Reads a client's packets in the background. A Request/Reply client answers its servers as frames arrive
/// (up to its reply window), which may be before this reader has taken them: wait on what was taken, not on the
/// servers' answers.</summary>
public static class Drain
{
    /// <summary>Collects (port, frame's first byte, message JSON) until the client ends or the token is cancelled.</summary>
    public static async Task<ConcurrentQueue<(int Port, byte First, string? Message)>> ReadAsync(NetGearClient client, CancellationToken token)
    {
        var (seen, done) = Start(client, token);
        await done;
        return seen;
    }

    /// <summary>Starts collecting as <see cref="ReadAsync"/> does, and hands back the queue while it fills.</summary>
    public static (ConcurrentQueue<(int Port, byte First, string? Message)> Seen, Task Done) Start(NetGearClient client, CancellationToken token)
    {
        var seen = new ConcurrentQueue<(int, byte, string?)>();
        return (seen, FillAsync(client, seen, token));
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; throws <see cref="TimeoutException"/> naming
    /// <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(20);
        }
    }

    private static async Task FillAsync(NetGearClient client, ConcurrentQueue<(int, byte, string?)> seen, CancellationToken token)
    {
        try
        {
            await foreach (var packet in client.ReadAllAsync(token))
            {
                using (packet) seen.Enqueue((packet.Port, packet.Frame.Length > 0 ? packet.Frame.Data[0] : (byte)0, packet.MessageJson));
            }
        }
        catch (OperationCanceledException) { }
    }
}
