using System.Runtime.InteropServices;

namespace NetGearSharp.Nats.Tests.Support;

/// <summary>
/// libturbojpeg called directly, with the settings a NetGear server compresses with (4:2:0 chroma for colour as
/// by default, grey for one channel, the fast DCT by default): the bytes a JPEG-sending server puts on the wire, computed
/// independently of the library under test. libturbojpeg is deterministic for equal input and settings.
/// </summary>
public static unsafe partial class ReferenceJpeg
{
    private const string Lib = "libturbojpeg.so.0";
    private const int FlagNoRealloc = 1024, FlagFastDct = 2048, Samp420 = 2, SampGray = 3;

    [LibraryImport(Lib)] private static partial IntPtr tjInitCompress();
    [LibraryImport(Lib)] private static partial int tjDestroy(IntPtr handle);
    [LibraryImport(Lib)] private static partial nuint tjBufSize(int width, int height, int subsamp);

    [LibraryImport(Lib)]
    private static partial int tjCompress2(IntPtr handle, byte* src, int width, int pitch, int height, int pixelFormat,
        byte** jpegBuf, nuint* jpegSize, int subsamp, int quality, int flags);

    /// <summary>The JPEG of a uint8 frame ([h, w] grey or [h, w, 3]) in the given colour space.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int height, int width, JpegColorSpace space, int quality, bool fastDct = true)
    {
        var (format, channels) = space switch
        {
            JpegColorSpace.Rgb => (0, 3),
            JpegColorSpace.Bgr => (1, 3),
            JpegColorSpace.Gray => (6, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(space), space, "grey, RGB or BGR only"),
        };
        var subsamp = channels == 1 ? SampGray : Samp420;
        var handle = tjInitCompress();
        try
        {
            var output = new byte[(int)tjBufSize(width, height, subsamp)];
            nuint size = (nuint)output.Length;
            fixed (byte* src = pixels)
            fixed (byte* dst = output)
            {
                var outPtr = dst;
                var rc = tjCompress2(handle, src, width, width * channels, height, format, &outPtr, &size, subsamp, quality,
                    FlagNoRealloc | (fastDct ? FlagFastDct : 0));
                if (rc != 0) throw new InvalidOperationException($"tjCompress2 failed ({rc})");
            }
            return output.AsSpan(0, (int)size).ToArray();
        }
        finally
        {
            _ = tjDestroy(handle);
        }
    }
}
