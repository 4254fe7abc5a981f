using System.Text;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Codecs;

/// <summary>
/// VidGear's other five colour spaces (netgear.py accepts twelve for <c>jpeg_compression</c>): XRGB, XBGR, ARGB, ABGR
/// (TurboJPEG's pixel formats of the same names) and CMYK. They parse from a header, encode and decode with the
/// channels where their names put them.
/// </summary>
public class FourChannelColourSpaceTests
{
    /// <summary>Where blue, green and red sit in a pixel of each colour space (the fourth byte is unused or alpha).</summary>
    public static TheoryData<JpegColorSpace, int, int, int> Layouts => new()
    {
        { JpegColorSpace.Xrgb, 3, 2, 1 },
        { JpegColorSpace.Xbgr, 1, 2, 3 },
        { JpegColorSpace.Argb, 3, 2, 1 },
        { JpegColorSpace.Abgr, 1, 2, 3 },
        { JpegColorSpace.Bgra, 0, 1, 2 },
        { JpegColorSpace.Rgbx, 2, 1, 0 },
    };

    private const byte Blue = 200, Green = 120, Red = 40;

    /// <summary>A flat colour with blue, green and red at the given places of each 4-byte pixel (the fourth byte 7).</summary>
    private static Frame Flat(int b, int g, int r)
    {
        var frame = Frame.Allocate(ElementType.UInt8, 16, 24, 4);
        var data = frame.Data;
        data.Fill(7);
        for (var i = 0; i < data.Length; i += 4)
        {
            data[i + b] = Blue;
            data[i + g] = Green;
            data[i + r] = Red;
        }
        return frame;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_frame_round_trips_with_its_colours_where_the_colour_space_puts_them(JpegColorSpace space, int b, int g, int r)
    {
        using var frame = Flat(b, g, r);
        using var encoder = new JpegEncoder(JpegOptions.Default with { ColorSpace = space, Quality = 95 });
        var jpeg = encoder.Encode(frame).ToArray();
        using var decoder = new JpegDecoder();

        Assert.True(decoder.TryDecode(jpeg, space, out var same, out var error), error);
        using (same)
        {
            Assert.Equal([16, 24, 4], same.Shape);
            var pixel = same.Data[..4].ToArray();
            Assert.InRange(pixel[b], Blue - 3, Blue + 3);
            Assert.InRange(pixel[g], Green - 3, Green + 3);
            Assert.InRange(pixel[r], Red - 3, Red + 3);
            Assert.Equal(255, pixel[6 - b - g - r]); // the unused or alpha byte: libjpeg-turbo fills it
        }
        // Decoded into plain BGR, the colours are the ones sent: the pixel format really is the named layout.
        Assert.True(decoder.TryDecode(jpeg, JpegColorSpace.Bgr, out var bgr, out error), error);
        using (bgr)
        {
            Assert.InRange(bgr.Data[0], Blue - 3, Blue + 3);
            Assert.InRange(bgr.Data[1], Green - 3, Green + 3);
            Assert.InRange(bgr.Data[2], Red - 3, Red + 3);
        }
    }

    [Fact]
    public void Cmyk_round_trips_through_a_cmyk_jpeg()
    {
        using var frame = Frame.Allocate(ElementType.UInt8, 16, 24, 4);
        byte[] ink = [10, 80, 160, 230];
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++) data[i] = ink[i % 4];
        using var encoder = new JpegEncoder(JpegOptions.Default with { ColorSpace = JpegColorSpace.Cmyk, Quality = 95 });
        var jpeg = encoder.Encode(frame).ToArray();
        using var decoder = new JpegDecoder();
        Assert.True(decoder.TryDecode(jpeg, JpegColorSpace.Cmyk, out var decoded, out var error), error);
        using (decoded)
        {
            Assert.Equal([16, 24, 4], decoded.Shape);
            for (var c = 0; c < 4; c++) Assert.InRange(decoded.Data[c], ink[c] - 3, ink[c] + 3);
        }
    }

    [Fact]
    public void Cmyk_and_the_other_colour_spaces_do_not_mix_and_say_why()
    {
        using var decoder = new JpegDecoder();
        using var colour = Flat(0, 1, 2);
        using var bgra = new JpegEncoder(JpegOptions.Default with { ColorSpace = JpegColorSpace.Bgra });
        Assert.False(decoder.TryDecode(bgra.Encode(colour).Span, JpegColorSpace.Cmyk, out _, out var error));
        Assert.Contains("only a CMYK (or YCCK) JPEG decodes into CMYK", error, StringComparison.Ordinal);

        using var cmyk = new JpegEncoder(JpegOptions.Default with { ColorSpace = JpegColorSpace.Cmyk });
        Assert.False(decoder.TryDecode(cmyk.Encode(colour).Span, JpegColorSpace.Rgb, out _, out error));
        Assert.Contains("decodes only into CMYK, not into the header's RGB", error, StringComparison.Ordinal);
        // ... and the decoder goes on with the next JPEG.
        Assert.True(decoder.TryDecode(bgra.Encode(colour).Span, JpegColorSpace.Bgra, out var good, out error), error);
        good.Dispose();
    }

    [Theory]
    [InlineData("XRGB", JpegColorSpace.Xrgb)]
    [InlineData("XBGR", JpegColorSpace.Xbgr)]
    [InlineData("ARGB", JpegColorSpace.Argb)]
    [InlineData("ABGR", JpegColorSpace.Abgr)]
    [InlineData("CMYK", JpegColorSpace.Cmyk)]
    public void A_header_naming_one_of_them_parses(string name, JpegColorSpace space)
    {
        var json = $$"""{"port": "5566", "terminate_flag": false, "compression": {"dct": true, "ups": false, "colorspace": "{{name}}"}, "message": null, "pattern": "1", "dtype": "", "shape": ""}""";
        var result = HeaderReader.Parse(Encoding.UTF8.GetBytes(json), out var header, out _);
        Assert.True(result.Success, result.Reason);
        Assert.Equal(space, header.Compression!.Value.ColorSpace);
        Assert.Equal(4, space.Channels());
        Assert.Equal(name, space.WireName());
    }

    [Fact]
    public void The_twelve_names_are_VidGears()
    {
        // netgear.py's list for jpeg_compression.
        string[] vidgear = ["RGB", "BGR", "RGBX", "BGRX", "XBGR", "XRGB", "GRAY", "RGBA", "BGRA", "ABGR", "ARGB", "CMYK"];
        Assert.Equal(vidgear.Order(), Enum.GetValues<JpegColorSpace>().Select(s => s.WireName()).Order());
    }
}
