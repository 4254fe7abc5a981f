using System.Buffers.Binary;

namespace NetGearSharp.Interop.Tests.Support;

/// <summary>
/// The test frames, the same formula as <c>Python/frames.py</c>: frame number <c>n</c> of the server on <c>port</c>.
/// Smooth frames (gentle gradients) for JPEG, busy ones for raw frames so that any wrong byte shows.
/// </summary>
public static class TestFrames
{
    public static Frame Make(int port, int n, ElementType type, bool smooth, params int[] shape)
    {
        int h = shape[0], w = shape[1], c = shape.Length > 2 ? shape[2] : 1;
        var size = type.SizeOf();
        var bytes = new byte[h * w * c * size];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        for (var ch = 0; ch < c; ch++)
        {
            long v = smooth
                ? 20 + (x * 120L) / w + (y * 60L) / h + (n % 10) * 3 + port % 7 + ch * 10
                : size == 1
                    ? (x * 7L + y * 13L + n * 29L + port + ch * 71L) % 256
                    : (x * 257L + y * 1031L + n * 4099L + port + ch * 7L) % 65536;
            var at = ((y * w + x) * c + ch) * size;
            if (size == 1) bytes[at] = (byte)v;
            else BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)v);
        }
        return Frame.Wrap(bytes, type, shape);
    }

    /// <summary>Mean absolute difference per element of two 8-bit frames of the same size.</summary>
    public static double MeanAbsDiff(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length) return double.PositiveInfinity;
        long sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return a.Length == 0 ? 0 : (double)sum / a.Length;
    }

    /// <summary>How far a JPEG frame may be from its source (quality 90, smooth frames): mean absolute difference per element.</summary>
    public const double JpegMeanAbsDiffBound = 3.0;
}
