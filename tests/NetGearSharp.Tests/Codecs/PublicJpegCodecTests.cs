using NetGearSharp.Codecs;

namespace NetGearSharp.Tests.Codecs;

/// <summary>The public JPEG codec (what the NATS library and applications use): round trips, validated arguments, bad data as a reason.</summary>
public class PublicJpegCodecTests
{
    private static Frame Gradient(int height, int width, int channels)
    {
        var frame = channels == 1 ? Frame.Allocate(ElementType.UInt8, height, width) : Frame.Allocate(ElementType.UInt8, height, width, channels);
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i / channels % width * 255 / width);
        return frame;
    }

    [Theory]
    [InlineData(JpegColorSpace.Bgr, 3)]
    [InlineData(JpegColorSpace.Gray, 1)]
    [InlineData(JpegColorSpace.Rgba, 4)]
    public void EncodeThenTryDecode_GivesTheShapeOfTheColourSpace_AndClosePixels(JpegColorSpace space, int channels)
    {
        using var frame = Gradient(48, 64, channels);
        using var encoder = new JpegEncoder(JpegOptions.Default with { ColorSpace = space, Quality = 95 });
        var jpeg = encoder.Encode(frame).ToArray();
        Assert.Equal(0xFF, jpeg[0]);
        Assert.Equal(0xD8, jpeg[1]);

        using var decoder = new JpegDecoder();
        Assert.True(decoder.TryDecode(jpeg, space, out var decoded, out var error), error);
        using (decoded)
        {
            Assert.Null(error);
            Assert.Equal(ElementType.UInt8, decoded.ElementType);
            Assert.Equal(channels == 1 ? new[] { 48, 64 } : new[] { 48, 64, channels }, decoded.Shape.ToArray());
            var worst = 0;
            for (var i = 0; i < frame.Length; i += channels) worst = Math.Max(worst, Math.Abs(frame.Data[i] - decoded.Data[i]));
            Assert.True(worst < 24, $"largest difference {worst}");
        }
    }

    /// <summary>The luma component's sampling factors in the JPEG's start-of-frame segment (read from the bytes, not by our decoder).</summary>
    private static (int H, int V, int Components) LumaSampling(byte[] jpeg)
    {
        for (var i = 2; i + 4 < jpeg.Length;)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                // FF Cx, length(2), precision(1), height(2), width(2), components(1), then id, HV, table per component.
                var factors = jpeg[i + 11];
                return (factors >> 4, factors & 0xF, jpeg[i + 9]);
            }
            i += 2 + length;
        }
        throw new InvalidOperationException("no start-of-frame segment");
    }

    [Theory]
    [InlineData(JpegSubsampling.Chroma420, 2, 2)]
    [InlineData(JpegSubsampling.Chroma422, 2, 1)]
    [InlineData(JpegSubsampling.Chroma444, 1, 1)]
    public void TheSubsamplingAsked_IsTheOneInTheJpeg_AndItDecodes(JpegSubsampling subsampling, int h, int v)
    {
        using var frame = Gradient(48, 64, 3);
        using var encoder = new JpegEncoder(JpegOptions.Default with { Subsampling = subsampling, Quality = 95 });
        var jpeg = encoder.Encode(frame).ToArray();
        Assert.Equal((h, v, 3), LumaSampling(jpeg));
        using var decoder = new JpegDecoder();
        Assert.True(decoder.TryDecode(jpeg, JpegColorSpace.Bgr, out var decoded, out var error), error);
        decoded!.Dispose();
    }

    [Fact]
    public void TheDefaultSubsampling_Is420_AndGreyFramesHaveOneComponent()
    {
        Assert.Equal(JpegSubsampling.Chroma420, JpegOptions.Default.Subsampling);
        using var colour = Gradient(32, 32, 3);
        using var encoder = new JpegEncoder(JpegOptions.Default);
        Assert.Equal((2, 2, 3), LumaSampling(encoder.Encode(colour).ToArray()));
        using var grey = Gradient(32, 32, 1);
        using var greyEncoder = new JpegEncoder(JpegOptions.Default with { ColorSpace = JpegColorSpace.Gray, Subsampling = JpegSubsampling.Chroma444 });
        Assert.Equal((1, 1, 1), LumaSampling(greyEncoder.Encode(grey).ToArray()));
    }

    [Fact]
    public void TheEncoderKeepsItsOptions_AndReusesItsBuffer()
    {
        var options = JpegOptions.Default with { Quality = 70 };
        using var encoder = new JpegEncoder(options);
        Assert.Same(options, encoder.Options);
        using var frame = Gradient(16, 16, 3);
        var first = encoder.Encode(frame);
        var second = encoder.Encode(frame);
        Assert.True(first.Span.SequenceEqual(second.Span));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void AQualityOutside1To100_IsRefusedWithTheRange(int quality)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new JpegEncoder(JpegOptions.Default with { Quality = quality }));
        Assert.Contains("1-100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadEncoderArguments_AreClearErrors()
    {
        Assert.Throws<ArgumentNullException>(() => new JpegEncoder(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JpegEncoder(JpegOptions.Default with { ColorSpace = (JpegColorSpace)42 }));
        Assert.Contains("subsampling 9", Assert.Throws<ArgumentOutOfRangeException>(() => new JpegEncoder(JpegOptions.Default with { Subsampling = (JpegSubsampling)9 })).Message, StringComparison.Ordinal);
        using var encoder = new JpegEncoder(JpegOptions.Default);
        Assert.Throws<ArgumentNullException>(() => encoder.Encode(null!));
        using var grey = Gradient(8, 8, 1);
        Assert.Contains("[h, w, 3]", Assert.Throws<ArgumentException>(() => encoder.Encode(grey)).Message, StringComparison.Ordinal);
        using var floats = Frame.Allocate(ElementType.Float32, 8, 8, 3);
        Assert.Contains("float32", Assert.Throws<ArgumentException>(() => encoder.Encode(floats)).Message, StringComparison.Ordinal);
        encoder.Dispose();
        using var frame = Gradient(8, 8, 3);
        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(frame));
    }

    [Fact]
    public void DataThatIsNoJpeg_IsFalseWithAReason_AndTheNextJpegStillDecodes()
    {
        using var decoder = new JpegDecoder();
        Assert.False(decoder.TryDecode("not a jpeg"u8, JpegColorSpace.Bgr, out var frame, out var error));
        Assert.Null(frame);
        Assert.Contains("not a JPEG", error, StringComparison.Ordinal);
        Assert.False(decoder.TryDecode([], JpegColorSpace.Bgr, out _, out _));

        using var encoder = new JpegEncoder(JpegOptions.Default);
        using var source = Gradient(8, 8, 3);
        Assert.True(decoder.TryDecode(encoder.Encode(source).Span, JpegColorSpace.Bgr, out var good, out _));
        good.Dispose();
    }

    [Fact]
    public void AFrameLargerThanMaxFrameBytes_IsRefusedBeforeDecoding()
    {
        using var encoder = new JpegEncoder(JpegOptions.Default);
        using var source = Gradient(32, 32, 3);
        var jpeg = encoder.Encode(source).ToArray();
        using var decoder = new JpegDecoder { MaxFrameBytes = 32 * 32 * 3 - 1 };
        Assert.False(decoder.TryDecode(jpeg, JpegColorSpace.Bgr, out _, out var error));
        Assert.Contains("more than the maximum", error, StringComparison.Ordinal);
        using var fits = new JpegDecoder { MaxFrameBytes = 32 * 32 * 3 };
        Assert.True(fits.TryDecode(jpeg, JpegColorSpace.Bgr, out var frame, out _));
        frame.Dispose();
    }

    [Fact]
    public void BadDecoderArguments_AreClearErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JpegDecoder { MaxFrameBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new JpegDecoder { MaxFrameBytes = (long)Array.MaxLength + 1 });
        var decoder = new JpegDecoder();
        Assert.Throws<ArgumentOutOfRangeException>(() => decoder.TryDecode([0xFF, 0xD8], (JpegColorSpace)42, out _, out _));
        decoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => decoder.TryDecode([0xFF, 0xD8], JpegColorSpace.Bgr, out _, out _));
    }

    [Fact]
    public void A_frame_wider_than_JPEG_allows_is_refused_with_the_limit()
    {
        using var encoder = new JpegEncoder(JpegOptions.Default with { ColorSpace = JpegColorSpace.Gray });
        using var frame = Frame.Allocate(ElementType.UInt8, 1, 70_000);
        var ex = Assert.Throws<ArgumentException>(() => encoder.Encode(frame));
        Assert.Contains("65535 pixels a side", ex.Message);
        Assert.Contains("70000x1", ex.Message);
    }
}
