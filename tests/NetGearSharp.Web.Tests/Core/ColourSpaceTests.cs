using NetGearSharp.AspNetCore;
using OpenCvSharp;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Web.Tests.Core;

/// <summary>
/// A JPEG that arrived in another colour space than BGR (a VidGear server's <c>jpeg_compression="RGB"</c>, XRGB ...) and
/// was not kept as JPEG is shown in its true colours: the page's picture of an all-red frame is red, not blue.
/// </summary>
public sealed class ColourSpaceTests
{
    [Theory(Timeout = 60_000)]
    [InlineData(JpegColorSpace.Rgb, new byte[] { 255, 0, 0 })]
    [InlineData(JpegColorSpace.Xrgb, new byte[] { 255, 255, 0, 0 })]
    [InlineData(JpegColorSpace.Bgr, new byte[] { 0, 0, 255 })]
    public async Task A_red_frame_in_any_colour_space_is_a_red_picture(JpegColorSpace space, byte[] red)
    {
        var port = TestPorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], AutoExit = false });
        using var view = new NetGearLiveView(client);
        var data = new byte[16 * 16 * red.Length];
        for (var i = 0; i < data.Length; i++) data[i] = red[i % red.Length];
        using var packet = NetGearPacket.Create(port, Frame.Wrap(data, ElementType.UInt8, 16, 16, red.Length), default, DateTimeOffset.UtcNow, 1,
            jpegColorSpace: space);

        view.Observe(packet);

        var jpeg = view.NewestFrame(port)!.GetJpeg(90)!;
        using var picture = Cv2.ImDecode(jpeg, ImreadModes.Color);
        var pixel = picture.At<Vec3b>(8, 8);
        Assert.True(pixel.Item2 > 200 && pixel.Item0 < 50 && pixel.Item1 < 50, $"{space}: the picture's pixel is B {pixel.Item0}, G {pixel.Item1}, R {pixel.Item2}, not red");
    }
}
