using System.Collections.Concurrent;

namespace NetGearSharp.Modes.Tests.Support;

/// <summary>Reads a client's packets in the background (its servers' answers go out as frames are taken).</summary>
public static class Drain
{
    /// <summary>Collects (port, frame's first byte, message JSON) until the client ends or the token is cancelled.</summary>
    public static async Task<ConcurrentQueue<(int Port, byte First, string? Message)>> ReadAsync(NetGearClient client, CancellationToken token)
    {
        var seen = new ConcurrentQueue<(int, byte, string?)>();
        try
        {
            await foreach (var packet in client.ReadAllAsync(token))
            {
                using (packet) seen.Enqueue((packet.Port, packet.Frame.Length > 0 ? packet.Frame.Data[0] : (byte)0, packet.MessageJson));
            }
        }
        catch (OperationCanceledException) { }
        return seen;
    }
}
