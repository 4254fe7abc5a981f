using System.Runtime.InteropServices;

namespace NetGearSharp.Codecs;

/// <summary>P/Invoke declarations of libjpeg-turbo's TurboJPEG 2.x API (what simplejpeg wraps).</summary>
internal static unsafe partial class TurboJpegNative
{
    private const string Lib = "turbojpeg";

    public const int FlagFastUpsample = 256;
    public const int FlagNoRealloc = 1024;
    public const int FlagFastDct = 2048;

    public const int Samp444 = 0;
    public const int Samp422 = 1;
    public const int Samp420 = 2;
    public const int SampGray = 3;

    public const int PixelRgb = 0, PixelBgr = 1, PixelRgbx = 2, PixelBgrx = 3, PixelXbgr = 4, PixelXrgb = 5, PixelGray = 6,
        PixelRgba = 7, PixelBgra = 8, PixelAbgr = 9, PixelArgb = 10, PixelCmyk = 11;

    /// <summary>TurboJPEG's colour spaces of a JPEG (<c>TJCS_*</c>, from <see cref="tjDecompressHeader3"/>): the two that hold CMYK.</summary>
    public const int JpegCmyk = 3, JpegYcck = 4;

    /// <summary>TurboJPEG's subsampling constant for <paramref name="subsampling"/> (colour frames; callers have validated it).</summary>
    public static int SubsamplingOf(JpegSubsampling subsampling) => subsampling switch
    {
        JpegSubsampling.Chroma420 => Samp420,
        JpegSubsampling.Chroma422 => Samp422,
        JpegSubsampling.Chroma444 => Samp444,
        _ => throw new ArgumentOutOfRangeException(nameof(subsampling), subsampling, null),
    };

    static TurboJpegNative() => Interop.NativeLibraries.EnsureRegistered();

    [LibraryImport(Lib)] public static partial IntPtr tjInitCompress();
    [LibraryImport(Lib)] public static partial IntPtr tjInitDecompress();
    [LibraryImport(Lib)] public static partial int tjDestroy(IntPtr handle);
    [LibraryImport(Lib)] public static partial nuint tjBufSize(int width, int height, int subsamp);
    [LibraryImport(Lib)] public static partial IntPtr tjGetErrorStr2(IntPtr handle);

    [LibraryImport(Lib)]
    public static partial int tjCompress2(IntPtr handle, byte* src, int width, int pitch, int height, int pixelFormat,
        byte** jpegBuf, nuint* jpegSize, int subsamp, int quality, int flags);

    [LibraryImport(Lib)]
    public static partial int tjDecompressHeader3(IntPtr handle, byte* jpegBuf, nuint jpegSize,
        int* width, int* height, int* subsamp, int* colorspace);

    [LibraryImport(Lib)]
    public static partial int tjDecompress2(IntPtr handle, byte* jpegBuf, nuint jpegSize, byte* dst,
        int width, int pitch, int height, int pixelFormat, int flags);

    public static string ErrorOf(IntPtr handle) => Marshal.PtrToStringAnsi(tjGetErrorStr2(handle)) ?? "unknown TurboJPEG error";

    public static int PixelFormatOf(JpegColorSpace space) => space switch
    {
        JpegColorSpace.Bgr => PixelBgr,
        JpegColorSpace.Rgb => PixelRgb,
        JpegColorSpace.Gray => PixelGray,
        JpegColorSpace.Bgra => PixelBgra,
        JpegColorSpace.Rgba => PixelRgba,
        JpegColorSpace.Bgrx => PixelBgrx,
        JpegColorSpace.Rgbx => PixelRgbx,
        JpegColorSpace.Xrgb => PixelXrgb,
        JpegColorSpace.Xbgr => PixelXbgr,
        JpegColorSpace.Argb => PixelArgb,
        JpegColorSpace.Abgr => PixelAbgr,
        JpegColorSpace.Cmyk => PixelCmyk,
        _ => throw new ArgumentOutOfRangeException(nameof(space), space, null),
    };

    /// <summary>Creates a handle, turning a missing library into <see cref="JpegUnavailableException"/>.</summary>
    public static IntPtr Create(bool compress)
    {
        IntPtr handle;
        try
        {
            handle = compress ? tjInitCompress() : tjInitDecompress();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            throw new JpegUnavailableException(ex);
        }
        if (handle == IntPtr.Zero) throw new NetGearException("TurboJPEG could not create a " + (compress ? "compressor" : "decompressor") + ".");
        return handle;
    }
}
