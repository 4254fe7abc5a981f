using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Tests.OpenCv;

/// <summary>
/// A frame that arrived as JPEG in one of VidGear's colour spaces is shown in its true colours: one pixel of blue 30,
/// green 20, red 10 laid out in each colour space comes out as B 30, G 20, R 10 (and the alpha or unused byte last).
/// </summary>
public sealed class DisplayColorsTests
{
    private const byte B = 30, G = 20, R = 10, X = 255;

    public static TheoryData<JpegColorSpace?, byte[], byte[]> Layouts => new()
    {
        { JpegColorSpace.Bgr, [B, G, R], [B, G, R] },
        { null, [B, G, R], [B, G, R] }, // a raw frame: taken as BGR
        { JpegColorSpace.Rgb, [R, G, B], [B, G, R] },
        { JpegColorSpace.Bgra, [B, G, R, 128], [B, G, R, 128] },
        { JpegColorSpace.Bgrx, [B, G, R, X], [B, G, R, X] },
        { JpegColorSpace.Rgba, [R, G, B, 128], [B, G, R, 128] },
        { JpegColorSpace.Rgbx, [R, G, B, X], [B, G, R, X] },
        { JpegColorSpace.Xrgb, [X, R, G, B], [B, G, R, X] },
        { JpegColorSpace.Argb, [128, R, G, B], [B, G, R, 128] },
        { JpegColorSpace.Xbgr, [X, B, G, R], [B, G, R, X] },
        { JpegColorSpace.Abgr, [128, B, G, R], [B, G, R, 128] },
        // Adobe's inverted CMYK, as OpenCV's decoder and browsers read it: 255 is no ink.
        { JpegColorSpace.Cmyk, [255, 255, 255, 255], [255, 255, 255] },
        { JpegColorSpace.Cmyk, [255, 255, 255, 0], [0, 0, 0] },
        { JpegColorSpace.Cmyk, [255, 0, 0, 255], [0, 0, 255] }, // only C left out: red
        { JpegColorSpace.Cmyk, [0, 128, 255, 204], [204, 102, 0] }, // B 255 × 204 / 255; G 128 × 204 / 255, rounded; R 0
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_frame_in_any_colour_space_is_shown_in_display_order(JpegColorSpace? space, byte[] pixel, byte[] shown)
    {
        var channels = pixel.Length;
        var data = new byte[2 * 3 * channels];
        for (var i = 0; i < data.Length; i++) data[i] = pixel[i % channels];
        using var packet = NetGearPacket.Create(5566, Frame.Wrap(data, ElementType.UInt8, 2, 3, channels), default,
            DateTimeOffset.UtcNow, 1, jpegColorSpace: space);

        using var mat = packet.ToDisplayMat();

        Assert.Equal((2, 3, shown.Length), (mat.Rows, mat.Cols, mat.Channels()));
        var bytes = new byte[shown.Length];
        System.Runtime.InteropServices.Marshal.Copy(mat.Ptr(1, 2), bytes, 0, shown.Length);
        Assert.Equal(shown, bytes);
    }

    [Fact]
    public void The_frame_keeps_its_own_layout_and_ToMat_is_unchanged()
    {
        byte[] data = [X, R, G, B];
        using var packet = NetGearPacket.Create(5566, Frame.Wrap(data, ElementType.UInt8, 1, 1, 4), default, DateTimeOffset.UtcNow, 1,
            jpegColorSpace: JpegColorSpace.Xrgb);
        using var shown = packet.ToDisplayMat();
        using var kept = packet.ToMat();
        Assert.Equal(X, kept.At<Vec4b>(0, 0).Item0);
        Assert.Equal(B, shown.At<Vec4b>(0, 0).Item0);
        Assert.Equal([X, R, G, B], packet.Frame.Data.ToArray());
    }
}
