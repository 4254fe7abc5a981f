namespace NetGearSharp;

/// <summary>Wire names and channel counts of <see cref="JpegColorSpace"/> values (simplejpeg's names, as in the header's <c>compression.colorspace</c>).</summary>
public static class JpegColorSpaces
{
    /// <summary>The wire name of <paramref name="space"/>: <c>BGR</c>, <c>RGB</c>, <c>GRAY</c>, <c>BGRA</c>, <c>RGBA</c>, <c>BGRX</c>,
    /// <c>RGBX</c>, <c>XRGB</c>, <c>XBGR</c>, <c>ARGB</c>, <c>ABGR</c> or <c>CMYK</c> (VidGear's twelve).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="space"/> is not a defined value.</exception>
    public static string WireName(this JpegColorSpace space) => space switch
    {
        JpegColorSpace.Bgr => "BGR",
        JpegColorSpace.Rgb => "RGB",
        JpegColorSpace.Gray => "GRAY",
        JpegColorSpace.Bgra => "BGRA",
        JpegColorSpace.Rgba => "RGBA",
        JpegColorSpace.Bgrx => "BGRX",
        JpegColorSpace.Rgbx => "RGBX",
        JpegColorSpace.Xrgb => "XRGB",
        JpegColorSpace.Xbgr => "XBGR",
        JpegColorSpace.Argb => "ARGB",
        JpegColorSpace.Abgr => "ABGR",
        JpegColorSpace.Cmyk => "CMYK",
        _ => throw new ArgumentOutOfRangeException(nameof(space), space, $"JPEG colour space {(int)space} is not one of {string.Join(", ", Enum.GetNames<JpegColorSpace>())}."),
    };

    /// <summary>Parses a wire name (case-insensitive), e.g. <c>BGR</c> or <c>gray</c>.</summary>
    /// <returns><c>true</c> when the name is known.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out JpegColorSpace space)
    {
        foreach (var candidate in Enum.GetValues<JpegColorSpace>())
        {
            if (name.Equals(WireName(candidate), StringComparison.OrdinalIgnoreCase)) { space = candidate; return true; }
        }
        space = default;
        return false;
    }

    /// <summary>Channels of a frame in <paramref name="space"/>: 1 for <see cref="JpegColorSpace.Gray"/> (a 2-D frame), 3 for BGR and RGB, 4 otherwise.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="space"/> is not a defined value.</exception>
    public static int Channels(this JpegColorSpace space) => space switch
    {
        JpegColorSpace.Gray => 1,
        JpegColorSpace.Bgr or JpegColorSpace.Rgb => 3,
        JpegColorSpace.Bgra or JpegColorSpace.Rgba or JpegColorSpace.Bgrx or JpegColorSpace.Rgbx
            or JpegColorSpace.Xrgb or JpegColorSpace.Xbgr or JpegColorSpace.Argb or JpegColorSpace.Abgr or JpegColorSpace.Cmyk => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(space), space, $"JPEG colour space {(int)space} is not one of {string.Join(", ", Enum.GetNames<JpegColorSpace>())}."),
    };
}
