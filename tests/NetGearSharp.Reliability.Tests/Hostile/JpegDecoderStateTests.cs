using NetGearSharp.Codecs;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>Issue 11 item 3 at the decoder: a JPEG cut anywhere leaves nothing behind for the next, valid one.</summary>
public class JpegDecoderStateTests
{
    [Theory]
    [InlineData(320, 240, 1)]
    [InlineData(640, 480, 1)]
    [InlineData(640, 480, 3)]
    public void AJpegCutAnywhere_TheNextValidJpegStillDecodes(int width, int height, int channels)
    {
        var space = channels == 1 ? JpegColorSpace.Gray : JpegColorSpace.Bgr;
        byte[] jpeg;
        using (var encoder = new JpegEncoder(JpegOptions.Default with { ColorSpace = space }))
        using (var frame = channels == 1 ? Frame.Allocate(ElementType.UInt8, height, width) : Frame.Allocate(ElementType.UInt8, height, width, channels))
        {
            var data = frame.Data;
            for (var i = 0; i < data.Length; i++) data[i] = (byte)(i * 7 % 251);
            jpeg = encoder.Encode(frame).ToArray();
        }
        using var decoder = new JpegDecoder();
        var failures = new List<string>();
        for (var cut = 1; cut < jpeg.Length; cut += Math.Max(1, jpeg.Length / 97))
        {
            foreach (var fastDct in new[] { true, false })
            {
                using (decoder.Decode(jpeg.AsSpan(0, cut), space, fastDct, false, 100_000_000, out _, out _)) { }
                using var good = decoder.Decode(jpeg, space, fastDct, false, 100_000_000, out var error, out var reason);
                if (good is null || good.Width != width || good.Height != height) failures.Add($"cut at {cut} of {jpeg.Length} (fastDct {fastDct}): {error} {reason}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} valid JPEGs failed after a cut one:\n" + string.Join("\n", failures.Take(10)));
    }
}
