using NetGearSharp.Codecs;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Codecs;

/// <summary>
/// Garbage after a JPEG's start marker, which libjpeg-turbo reads as a picture of 0x0 pixels, is a corrupt JPEG, not a
/// frame too large (it was counted as <c>FrameTooLarge</c>, "JPEG of 0x0 is empty").
/// </summary>
public sealed class GarbageJpegTests
{
    [Fact]
    public void Garbage_after_the_start_marker_is_a_corrupt_JPEG()
    {
        using var decoder = new JpegDecoder();
        byte[] garbage = [0xFF, 0xD8, .. "garbage"u8];
        var frame = decoder.Decode(garbage, JpegColorSpace.Bgr, fastDct: true, fastUpsample: false, long.MaxValue, out var kind, out var reason);
        Assert.Null(frame);
        Assert.Equal(MalformedKind.CorruptJpeg, kind);
        Assert.Equal("not a JPEG: its header gives a picture of 0x0 pixels", reason);
    }
}
