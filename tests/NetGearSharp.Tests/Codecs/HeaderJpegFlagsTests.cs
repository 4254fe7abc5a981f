using System.Text;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;
using NetGearSharp.Server;

namespace NetGearSharp.Tests.Codecs;

/// <summary>
/// A JPEG header's <c>dct</c> and <c>ups</c> flags count when decoding, ORed with the receiver's own settings, as
/// VidGear does (netgear.py: <c>fastdct=self.__jpeg_compression_fastdct or msg_json["compression"]["dct"]</c>), for
/// frames (client) and for returned frames (server).
/// </summary>
public class HeaderJpegFlagsTests
{
    /// <summary>A busy colour frame at 4:2:0: fast and accurate DCT, and fast and smooth upsampling, decode it differently.</summary>
    private static byte[] BusyJpeg()
    {
        using var frame = Frame.Allocate(ElementType.UInt8, 48, 64, 3);
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++) data[i] = (byte)((i * 37) ^ (i / 3 * 11) ^ (i / 192 * 53));
        using var encoder = new JpegEncoder(JpegOptions.Default with { Quality = 95, FastDct = false });
        return encoder.Encode(frame).ToArray();
    }

    private static byte[] Reference(byte[] jpeg, bool fastDct, bool fastUpsample)
    {
        using var decoder = new JpegDecoder { FastDct = fastDct, FastUpsample = fastUpsample };
        Assert.True(decoder.TryDecode(jpeg, JpegColorSpace.Bgr, out var frame, out var error), error);
        using (frame) return frame.Data.ToArray();
    }

    private static byte[] DecodeWithHeader(byte[] jpeg, bool ownDct, bool ownUps, bool headerDct, bool headerUps)
    {
        using var decoder = new PayloadDecoder(1 << 20, ownDct, ownUps);
        var header = new FrameHeader { Compression = new CompressionInfo(headerDct, headerUps, JpegColorSpace.Bgr) };
        using var frame = decoder.Decode(header, jpeg, out var result);
        Assert.True(result.Success, result.Reason);
        return frame!.Data.ToArray();
    }

    [Fact]
    public void The_settings_this_test_relies_on_decode_differently()
    {
        var jpeg = BusyJpeg();
        Assert.NotEqual(Reference(jpeg, false, false), Reference(jpeg, true, false));
        Assert.NotEqual(Reference(jpeg, false, false), Reference(jpeg, false, true));
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(false, false, true, false)]  // the header asks for the fast DCT: used although our setting is off
    [InlineData(false, false, false, true)]  // the header asks for fast upsampling
    [InlineData(false, false, true, true)]
    [InlineData(true, false, false, false)]  // our own setting still counts when the header says false
    [InlineData(false, true, false, false)]
    public void A_frame_decodes_with_our_setting_or_the_headers_flag(bool ownDct, bool ownUps, bool headerDct, bool headerUps)
    {
        var jpeg = BusyJpeg();
        Assert.Equal(Reference(jpeg, ownDct || headerDct, ownUps || headerUps), DecodeWithHeader(jpeg, ownDct, ownUps, headerDct, headerUps));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_returned_frame_decodes_with_the_servers_setting_or_the_headers_ups_flag(bool headerUps)
    {
        var jpeg = BusyJpeg();
        // The server's defaults are VidGear's: fast DCT on, fast upsampling off.
        using var reader = new ReturnDataReader(ServerSettings.From(new NetGearServerOptions
        {
            Address = "127.0.0.1", Port = 5566, MultiServerMode = false, BidirectionalMode = true, Transport = TransportKind.NetMq,
        }));
        var json = $$"""{"return_type": "ndarray", "compression": {"dct": false, "ups": {{(headerUps ? "true" : "false")}}, "colorspace": "BGR"}, "array_dtype": "", "array_shape": "", "data": null}""";
        using var reply = reader.Read([Encoding.UTF8.GetBytes(json), jpeg]);
        Assert.NotNull(reply?.Frame);
        Assert.Equal(Reference(jpeg, fastDct: true, fastUpsample: headerUps), reply!.Frame!.Data.ToArray());
    }
}
