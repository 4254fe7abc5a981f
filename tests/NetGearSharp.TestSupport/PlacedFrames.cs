using System.Globalization;
using NetGearSharp.Protocol;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.TestSupport;

/// <summary>
/// Frames whose bytes lie at a chosen offset into a page, to lend the native transport a payload where the kernel's
/// copy of it would run at a slow distance (<see cref="CopyAlignment"/>) unless the header is padded.
/// </summary>
public static class PlacedFrames
{
    /// <summary>The distance inside the slow window (1-31 bytes) that <see cref="SlowPageOffset"/> aims at.</summary>
    private const int SlowDistance = 8;

    /// <summary>A frame holding a copy of <paramref name="bytes"/>, starting <paramref name="pageOffset"/> bytes into a page.</summary>
    public static unsafe Frame Create(ReadOnlySpan<byte> bytes, ElementType type, int[] shape, int pageOffset)
    {
        var memory = new PlacedMemory(bytes.Length, pageOffset);
        bytes.CopyTo(memory.GetSpan());
        return Frame.FromOwned(type, shape, memory, bytes.Length);
    }

    /// <summary>
    /// The page offset at which a payload of <paramref name="payloadLength"/> bytes, sent after a JSON header of
    /// <paramref name="jsonLength"/> bytes, would be copied into the kernel at a slow distance.
    /// </summary>
    public static int SlowPageOffset(int jsonLength, long payloadLength, bool delimiter) =>
        (CopyAlignment.Distance(0, payloadLength, jsonLength, delimiter) - SlowDistance) & (CopyAlignment.Page - 1);

    /// <summary>The distance of the kernel's copy for a payload at <paramref name="address"/> (see <see cref="CopyAlignment.Distance"/>).</summary>
    public static int Distance(nuint address, long payloadLength, int jsonLength, bool delimiter) =>
        CopyAlignment.Distance(address, payloadLength, jsonLength, delimiter);

    /// <summary>Whether a copy at <paramref name="distance"/> is slow.</summary>
    public static bool IsSlow(int distance) => CopyAlignment.IsSlow(distance);

    /// <summary>Where a frame's bytes start in memory.</summary>
    public static unsafe nuint Address(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        fixed (byte* data = frame.Data) return (nuint)data;
    }

    /// <summary>The JSON header a multi-server <see cref="NetGearServer"/> on <paramref name="port"/> writes for a raw frame.</summary>
    public static byte[] Header(int port, NetGearPattern pattern, object? message, ElementType type, int[] shape) =>
        new HeaderWriter(port.ToString(CultureInfo.InvariantCulture), pattern, MessageJson.Default).WriteFrame(message, type, shape, null).ToArray();
}
