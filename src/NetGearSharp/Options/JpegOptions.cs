namespace NetGearSharp;

/// <summary>
/// JPEG frame compression, with simplejpeg's meaning (VidGear's <c>jpeg_compression*</c> options).
/// Needs libjpeg-turbo's TurboJPEG library (Debian package <c>libturbojpeg0</c>).
/// </summary>
public sealed record JpegOptions
{
    /// <summary>JPEG off: frames travel as raw C-order bytes.</summary>
    public static JpegOptions Off { get; } = new() { Enabled = false };

    /// <summary>
    /// JPEG on with VidGear's defaults (quality 90, BGR, fast DCT, no fast upsampling) and 4:2:0 chroma subsampling;
    /// change one with <c>JpegOptions.Default with { Quality = 95 }</c>.
    /// </summary>
    public static JpegOptions Default { get; } = new() { Enabled = true };

    /// <summary>
    /// Whether the server compresses frames (VidGear: <c>jpeg_compression</c>). Default <c>false</c>, as the server's
    /// default <see cref="Off"/>: a new instance is off until you set it (or start from <see cref="Default"/>). A server
    /// given other settings with <c>Enabled = false</c> refuses them (they would be ignored silently).
    /// </summary>
    public bool Enabled { get; init; }

    /// <summary>Quality 10–100 (VidGear: <c>jpeg_compression_quality</c>). Default 90.</summary>
    public int Quality { get; init; } = 90;

    /// <summary>The pixel layout of frames (VidGear: the colourspace given as <c>jpeg_compression</c>). Default BGR.</summary>
    public JpegColorSpace ColorSpace { get; init; } = JpegColorSpace.Bgr;

    /// <summary>
    /// How much colour detail the server keeps (simplejpeg: <c>colorsubsampling</c>). Default
    /// <see cref="JpegSubsampling.Chroma420"/>, about a quarter less encode and decode work than the 4:2:2 VidGear uses
    /// through simplejpeg; <see cref="JpegSubsampling.Chroma422"/> compresses as VidGear does. Not a decoding setting:
    /// clients, VidGear's included, read every subsampling. Ignored for <see cref="JpegColorSpace.Gray"/>.
    /// </summary>
    public JpegSubsampling Subsampling { get; init; } = JpegSubsampling.Chroma420;

    /// <summary>Use the fast, slightly less exact DCT (VidGear: <c>jpeg_compression_fastdct</c>). Default <c>true</c>.</summary>
    public bool FastDct { get; init; } = true;

    /// <summary>Use fast chroma upsampling when decoding (VidGear: <c>jpeg_compression_fastupsample</c>). Default <c>false</c>.</summary>
    public bool FastUpsample { get; init; }
}
