namespace NetGearSharp.Security.Tests.Support;

/// <summary>Frames with a recognisable byte pattern, and helpers that stream them.</summary>
public static class Frames
{
    /// <summary>A pattern that shows up in the frame's bytes on the wire when they are not encrypted.</summary>
    public static readonly byte[] Marker = "NETGEARSHARP-PLAINTEXT-MARKER-0123456789"u8.ToArray();

    /// <summary>A uint8 frame 16x32x3 whose bytes repeat <see cref="Marker"/>.</summary>
    public static Frame Marked()
    {
        var frame = Frame.Allocate(ElementType.UInt8, 16, 32, 3);
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++) data[i] = Marker[i % Marker.Length];
        return frame;
    }

    /// <summary>Sends marked frames until cancelled or <paramref name="count"/> are sent; returns how many were sent.</summary>
    public static int SendMarked(NetGearServer server, int count, CancellationToken token)
    {
        var sent = 0;
        while (sent < count && !token.IsCancellationRequested)
        {
            using var frame = Marked();
            server.Send(frame, new { n = sent });
            sent++;
        }
        return sent;
    }

    /// <summary>Whether <paramref name="haystack"/> contains <paramref name="needle"/>.</summary>
    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
