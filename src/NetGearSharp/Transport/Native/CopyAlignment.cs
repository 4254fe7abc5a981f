namespace NetGearSharp.Transport.Native;

/// <summary>
/// Keeps the kernel's copy of a lent payload off a slow alignment. libzmq writes a message in batches of 8,192 bytes
/// (its <c>out_batch_size</c>): the parts before a large payload and the payload's first bytes are copied into one batch,
/// and the rest of the payload is written from its own memory. In the kernel that write is one <c>rep movsb</c> into the
/// socket's pages, which start a message page-aligned when the previous one has been read (Request/Reply: always).
/// On AMD Zen processors such a copy runs about three times slower when its destination trails its source by 1 to 15
/// bytes modulo a page (measured: 921,600 bytes over loopback in 390 µs against 125; the kernel ceiling with 8 senders
/// halves), and on Zen 3 and 4 still a quarter slower at 16 to 31 bytes (8 and 32 servers moved 1.32x and 1.27x the
/// frames at 32 bytes than at 22; 48 read as 32). Where the payload lands depends on its address and on how many bytes
/// the message carries before it, so a frame buffer and a header length that meet that distance pay it on every frame.
/// A few spaces at the end of the JSON header move the distance out of the window.
/// </summary>
internal static class CopyAlignment
{
    /// <summary>The page size the distance is taken modulo.</summary>
    public const int Page = 4096;

    /// <summary>The slow distances are 1 to this many bytes.</summary>
    private const int SlowDistances = 31;

    /// <summary>
    /// Spaces to add to the JSON part so that the payload's copy into the kernel does not run at a slow distance.
    /// </summary>
    /// <param name="payloadAddress">Where the payload starts in memory.</param>
    /// <param name="payloadLength">The payload's length in bytes.</param>
    /// <param name="jsonLength">The JSON part's length in bytes.</param>
    /// <param name="delimiter">Whether an empty delimiter part goes first.</param>
    public static int TrailingSpaces(nuint payloadAddress, long payloadLength, int jsonLength, bool delimiter)
    {
        for (var spaces = 0; spaces <= SlowDistances + 8; spaces++)
        {
            if (!IsSlow(Distance(payloadAddress, payloadLength, jsonLength + spaces, delimiter))) return spaces;
        }
        return 0; // not reached: every step moves the distance by 1 (or by 8 where the part's length field grows)
    }

    /// <summary>
    /// How far the kernel's destination trails the source, modulo a page, when the payload's bytes after the first batch
    /// are written: the batches before them (8,192 bytes, two pages, each) drop out, so it is the bytes before the payload
    /// less its address.
    /// </summary>
    public static int Distance(nuint payloadAddress, long payloadLength, int jsonLength, bool delimiter)
    {
        var before = (delimiter ? PartBytes(0) : 0) + PartBytes(jsonLength) + LengthField(payloadLength) + 1;
        return (int)(((ulong)before - payloadAddress) & (Page - 1));
    }

    /// <summary>Whether a copy at <paramref name="distance"/> is slow.</summary>
    public static bool IsSlow(int distance) => distance is >= 1 and <= SlowDistances;

    /// <summary>A ZMTP frame's bytes: a flags byte, the length (1 or 8 bytes), the body.</summary>
    private static long PartBytes(long length) => 1 + LengthField(length) + length;

    private static int LengthField(long length) => length > byte.MaxValue ? 8 : 1;
}
