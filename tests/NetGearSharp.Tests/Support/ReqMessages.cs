using System.Globalization;
using System.Text;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Support;

/// <summary>Request/Reply messages as a client's ROUTER receives them from REQ servers named "peer-PORT", and the answers' ports.</summary>
public static class ReqMessages
{
    /// <summary>A REQ server's JPEG frame: a picture of <paramref name="width"/> x <paramref name="height"/> that differs per <paramref name="n"/>, with the message <c>{"n": n}</c>.</summary>
    public static byte[][] JpegFrame(int port, int n, int width = 640, int height = 480)
    {
        using var frame = Frame.Allocate(ElementType.UInt8, height, width, 3);
        var data = frame.Data;
        for (var i = 0; i < data.Length; i++) data[i] = (byte)((i / 3 % width) + i / (3 * width) * 3 + n * 17);
        using var encoder = new JpegEncoder(JpegOptions.Default);
        var jpeg = encoder.Encode(frame).ToArray();
        var header = new HeaderWriter(port.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default)
            .WriteFrame(new { n }, ElementType.UInt8, frame.Shape, new CompressionInfo(false, false, JpegColorSpace.Bgr)).ToArray();
        return [Identity(port), [], header, jpeg];
    }

    /// <summary>A REQ server's goodbye.</summary>
    public static byte[][] Goodbye(int port)
        => [Identity(port), [], new HeaderWriter(port.ToString(CultureInfo.InvariantCulture), NetGearPattern.ReqRep, MessageJson.Default).WriteTerminate().ToArray()];

    /// <summary>The routing identity of the server on <paramref name="port"/>.</summary>
    public static byte[] Identity(int port) => Encoding.ASCII.GetBytes("peer-" + port);

    /// <summary>The port of the server an answer goes to.</summary>
    public static int PortOf(byte[][] reply) => int.Parse(Encoding.ASCII.GetString(reply[0])["peer-".Length..], CultureInfo.InvariantCulture);
}
