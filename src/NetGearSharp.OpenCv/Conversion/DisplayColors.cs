using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Turns a frame that arrived as JPEG into OpenCV's display order: a VidGear server may compress in any of the twelve
/// colour spaces of its <c>jpeg_compression</c> option, and the frame arrives in that layout (<see
/// cref="NetGearPacket.JpegColorSpace"/>), while OpenCV's windows, montages and video writers take BGR (3 channels),
/// BGRA (4) or grey (1).
/// </summary>
public static class DisplayColors
{
    /// <summary>
    /// Whether a frame in <paramref name="space"/> must be converted to show its colours right: true for RGB, RGBA,
    /// RGBX, XRGB, XBGR, ARGB, ABGR and CMYK; false for BGR, BGRA, BGRX, GRAY, and for a raw frame (null: its layout
    /// is not known, and it is taken as BGR).
    /// </summary>
    public static bool NeedsConversion(JpegColorSpace? space)
        => space is { } known && known is not (JpegColorSpace.Bgr or JpegColorSpace.Bgra or JpegColorSpace.Bgrx or JpegColorSpace.Gray);

    /// <summary>
    /// A new Mat of <paramref name="image"/> (an 8-bit image in <paramref name="space"/>) in display order: RGB to BGR;
    /// RGBA, RGBX, XRGB, XBGR, ARGB and ABGR to BGRA (the alpha or unused byte last); CMYK to BGR as Adobe's inverted
    /// CMYK, which OpenCV's decoder and browsers assume (each of R, G, B as C, M or Y × K / 255). Any other image (or a
    /// colour space that needs no conversion) is copied as it is.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static Mat ToDisplayOrder(Mat image, JpegColorSpace? space)
    {
        ArgumentNullException.ThrowIfNull(image);
        var channels = image.Channels();
        if (image.Depth() != MatType.CV_8U || !NeedsConversion(space) || channels != (space == JpegColorSpace.Rgb ? 3 : 4))
            return image.Clone();
        var result = new Mat();
        switch (space)
        {
            case JpegColorSpace.Rgb:
                Cv2.CvtColor(image, result, ColorConversionCodes.RGB2BGR);
                break;
            case JpegColorSpace.Rgba or JpegColorSpace.Rgbx:
                Cv2.CvtColor(image, result, ColorConversionCodes.RGBA2BGRA);
                break;
            case JpegColorSpace.Xrgb or JpegColorSpace.Argb:
                Reorder(image, result, [3, 0, 2, 1, 1, 2, 0, 3]); // X R G B -> B G R X
                break;
            case JpegColorSpace.Xbgr or JpegColorSpace.Abgr:
                Reorder(image, result, [1, 0, 2, 1, 3, 2, 0, 3]); // X B G R -> B G R X
                break;
            default:
                FromCmyk(image, result);
                break;
        }
        return result;
    }

    /// <summary>Copies the channels of a 4-channel image into a new 4-channel one by (from, to) pairs.</summary>
    private static void Reorder(Mat image, Mat result, int[] fromTo)
    {
        result.Create(image.Size(), MatType.CV_8UC4);
        Cv2.MixChannels([image], [result], fromTo);
    }

    /// <summary>
    /// CMYK as Adobe writes it (inverted: 255 is no ink), as OpenCV's JPEG decoder and browsers read a CMYK JPEG, so the
    /// window, the recorder and the web page agree: B = Y × K / 255, G = M × K / 255, R = C × K / 255.
    /// </summary>
    private static void FromCmyk(Mat image, Mat result)
    {
        var planes = Cv2.Split(image);
        var bgr = new Mat[3];
        try
        {
            for (var i = 0; i < 3; i++)
            {
                bgr[i] = new Mat();
                Cv2.Multiply(planes[2 - i], planes[3], bgr[i], 1.0 / 255); // B from Y, G from M, R from C
            }
            Cv2.Merge(bgr, result);
        }
        finally
        {
            foreach (var plane in bgr) plane?.Dispose();
            foreach (var plane in planes) plane.Dispose();
        }
    }
}
