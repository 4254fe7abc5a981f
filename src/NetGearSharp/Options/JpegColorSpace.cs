namespace NetGearSharp;

/// <summary>Pixel layouts of a JPEG-compressed frame, named as simplejpeg names them on the wire.</summary>
public enum JpegColorSpace
{
    /// <summary>3 channels, blue-green-red (OpenCV's order; VidGear's default).</summary>
    Bgr,
    /// <summary>3 channels, red-green-blue.</summary>
    Rgb,
    /// <summary>1 channel; decodes into a 2-D frame.</summary>
    Gray,
    /// <summary>4 channels, blue-green-red-alpha (alpha is not stored in the JPEG).</summary>
    Bgra,
    /// <summary>4 channels, red-green-blue-alpha (alpha is not stored in the JPEG).</summary>
    Rgba,
    /// <summary>4 channels, blue-green-red-unused.</summary>
    Bgrx,
    /// <summary>4 channels, red-green-blue-unused.</summary>
    Rgbx,
    /// <summary>4 channels, unused-red-green-blue.</summary>
    Xrgb,
    /// <summary>4 channels, unused-blue-green-red.</summary>
    Xbgr,
    /// <summary>4 channels, alpha-red-green-blue (alpha is not stored in the JPEG).</summary>
    Argb,
    /// <summary>4 channels, alpha-blue-green-red (alpha is not stored in the JPEG).</summary>
    Abgr,
    /// <summary>
    /// 4 channels, cyan-magenta-yellow-black: compresses into a CMYK (YCCK) JPEG, and only such a JPEG decodes into it
    /// (libjpeg-turbo converts no other colour space to or from CMYK).
    /// </summary>
    Cmyk,
}
