namespace NetGearSharp;

/// <summary>
/// How much colour (chroma) detail a JPEG keeps beside the full-resolution brightness. Every JPEG decoder reads all of
/// them, VidGear's included, so this is the sender's choice of speed against colour detail, not a wire setting.
/// One-channel frames (<see cref="JpegColorSpace.Gray"/>) have no colour and ignore it.
/// </summary>
public enum JpegSubsampling
{
    /// <summary>
    /// 4:2:0: colour at half the width and half the height (1.5 samples per pixel). The most common JPEG and video
    /// choice (OpenCV's <c>imencode</c>, libjpeg's <c>cjpeg</c>, H.264) and the default here: about a quarter less
    /// encode and decode work than 4:2:2, and smaller frames.
    /// </summary>
    Chroma420,

    /// <summary>4:2:2: colour at half the width, full height (2 samples per pixel). What VidGear compresses with through simplejpeg.</summary>
    Chroma422,

    /// <summary>4:4:4: colour at full resolution (3 samples per pixel): the most colour detail, the most work and the largest frames.</summary>
    Chroma444,
}
