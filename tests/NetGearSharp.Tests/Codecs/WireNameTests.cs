namespace NetGearSharp.Tests.Codecs;

/// <summary>The public wire names of colour spaces and element types, as VidGear writes them in the header.</summary>
public class WireNameTests
{
    [Fact]
    public void EveryColourSpace_RoundTripsThroughItsWireName()
    {
        foreach (var space in Enum.GetValues<JpegColorSpace>())
        {
            Assert.True(JpegColorSpaces.TryParse(space.WireName(), out var parsed));
            Assert.Equal(space, parsed);
            Assert.True(JpegColorSpaces.TryParse(space.WireName().ToLowerInvariant(), out parsed));
            Assert.Equal(space, parsed);
        }
        Assert.Equal("BGR", JpegColorSpace.Bgr.WireName());
        Assert.Equal("GRAY", JpegColorSpace.Gray.WireName());
        Assert.False(JpegColorSpaces.TryParse("YUV", out _));
    }

    [Fact]
    public void Channels_FollowTheColourSpace()
    {
        Assert.Equal(1, JpegColorSpace.Gray.Channels());
        Assert.Equal(3, JpegColorSpace.Rgb.Channels());
        Assert.Equal(4, JpegColorSpace.Bgrx.Channels());
    }

    [Fact]
    public void UndefinedValues_AreClearErrors()
    {
        Assert.Contains("Bgr, Rgb, Gray", Assert.Throws<ArgumentOutOfRangeException>(() => ((JpegColorSpace)42).WireName()).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((JpegColorSpace)42).Channels());
        Assert.Contains("uint8", Assert.Throws<ArgumentOutOfRangeException>(() => ((ElementType)99).WireName()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryElementType_RoundTripsThroughItsWireName()
    {
        foreach (var type in Enum.GetValues<ElementType>())
        {
            Assert.True(ElementTypes.TryParse(type.WireName(), out var parsed));
            Assert.Equal(type, parsed);
        }
        Assert.Equal("float32", ElementType.Float32.WireName());
    }
}
