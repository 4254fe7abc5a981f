namespace NetGearSharp.Protocol;

/// <summary>The header's <c>compression</c> object: <c>{"dct": true, "ups": false, "colorspace": "BGR"}</c>.</summary>
internal readonly record struct CompressionInfo(bool FastDct, bool FastUpsample, JpegColorSpace ColorSpace)
{
    public static string WireName(JpegColorSpace space) => space switch
    {
        JpegColorSpace.Bgr => "BGR",
        JpegColorSpace.Rgb => "RGB",
        JpegColorSpace.Gray => "GRAY",
        JpegColorSpace.Bgra => "BGRA",
        JpegColorSpace.Rgba => "RGBA",
        JpegColorSpace.Bgrx => "BGRX",
        JpegColorSpace.Rgbx => "RGBX",
        _ => throw new ArgumentOutOfRangeException(nameof(space), space, null),
    };

    public static bool TryParseColorSpace(ReadOnlySpan<char> name, out JpegColorSpace space)
    {
        foreach (var candidate in Enum.GetValues<JpegColorSpace>())
        {
            if (name.Equals(WireName(candidate), StringComparison.OrdinalIgnoreCase)) { space = candidate; return true; }
        }
        space = default;
        return false;
    }

    public static int Channels(JpegColorSpace space) => space switch
    {
        JpegColorSpace.Gray => 1,
        JpegColorSpace.Bgr or JpegColorSpace.Rgb => 3,
        _ => 4,
    };
}
