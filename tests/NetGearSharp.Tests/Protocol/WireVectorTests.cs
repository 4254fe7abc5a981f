using System.Text.Json;
using System.Text.Json.Nodes;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Protocol;

/// <summary>Every recorded VidGear message decodes to the recorded frame and message; ours re-encode to the same.</summary>
public class WireVectorTests
{
    public static IEnumerable<object[]> Names => WireVectors.ServerVectorNames;

    [Theory]
    [MemberData(nameof(Names))]
    public void VidGearFrameMessageDecodesToTheRecordedFrameAndMessage(string name)
    {
        var vector = WireVectors.Named(name);
        var parts = WireVectors.Parts(vector, 0);
        Assert.Equal(2, parts.Length);

        var result = HeaderReader.Parse(parts[0], out var header, out var port);
        Assert.True(result.Success, result.Reason);
        Assert.Equal(int.Parse(vector.GetProperty("port").GetString()!), port);
        Assert.False(header.Terminate);

        var expectedMessage = vector.GetProperty("message");
        if (expectedMessage.ValueKind == JsonValueKind.Null) Assert.True(header.Message.IsEmpty);
        else Assert.True(JsonNode.DeepEquals(JsonNode.Parse(header.Message), JsonNode.Parse(expectedMessage.GetRawText())));

        var recorded = vector.GetProperty("frame");
        var expectedShape = recorded.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var expectedBytes = Convert.FromBase64String(recorded.GetProperty("c_order_bytes_b64").GetString()!);
        using var decoder = new PayloadDecoder(1 << 24, fastDct: true, fastUpsample: false);
        using var frame = decoder.Decode(header, parts[1], out var decoded);
        Assert.True(decoded.Success, decoded.Reason);
        Assert.NotNull(frame);
        Assert.Equal(expectedShape, frame!.Shape);
        Assert.Equal(recorded.GetProperty("dtype").GetString(), frame.ElementType.WireName());
        if (WireVectors.IsJpeg(vector))
        {
            // Lossy: compare pixels with a tolerance.
            var got = frame.Data.ToArray();
            var meanError = got.Zip(expectedBytes, (a, b) => Math.Abs(a - b)).Average();
            Assert.True(meanError < 8, $"mean absolute error {meanError:0.00} is too large for a quality-90 JPEG");
        }
        else
        {
            Assert.Equal(expectedBytes, frame.Data.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void VidGearTerminateMessageParses(string name)
    {
        var vector = WireVectors.Named(name);
        var parts = WireVectors.Parts(vector, 1);
        Assert.Single(parts);
        var result = HeaderReader.Parse(parts[0], out var header, out var port);
        Assert.True(result.Success, result.Reason);
        Assert.True(header.Terminate);
        Assert.Equal(int.Parse(vector.GetProperty("port").GetString()!), port);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void OurHeaderMatchesVidGearsAsJsonAndVidGearsPayloadIsTheCOrderBytes(string name)
    {
        var vector = WireVectors.Named(name);
        var parts = WireVectors.Parts(vector, 0);
        var recorded = vector.GetProperty("frame");
        var dtype = recorded.GetProperty("dtype").GetString()!;
        Assert.True(ElementTypes.TryParse(dtype, out var type));
        var shape = recorded.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var bytes = Convert.FromBase64String(recorded.GetProperty("c_order_bytes_b64").GetString()!);
        var pattern = (NetGearPattern)vector.GetProperty("pattern").GetInt32();
        var message = vector.GetProperty("message");
        object? messageValue = message.ValueKind == JsonValueKind.Null ? null : message;

        var writer = new HeaderWriter(vector.GetProperty("port").GetString(), pattern, MessageJson.Default);
        var jpeg = WireVectors.IsJpeg(vector);
        var ours = writer.WriteFrame(messageValue, type, shape, jpeg ? new CompressionInfo(true, false, JpegColorSpace.Bgr) : null).ToArray();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(parts[0]), JsonNode.Parse(ours)),
            $"ours: {System.Text.Encoding.UTF8.GetString(ours)}\nvidgear: {System.Text.Encoding.UTF8.GetString(parts[0])}");
        // Same key order as VidGear.
        Assert.Equal(KeysOf(parts[0]), KeysOf(ours));
        // The payload: VidGear sends a raw frame's C-order bytes as they are, and so does our server; that our server's
        // bytes on the wire are these is checked over real sockets, for both patterns, by
        // RawVidGearPeerTests.AVidGearClientReceivesFromOurServerTheRecordedMessage.
        if (!jpeg) Assert.Equal(bytes, parts[1]);

        var terminate = writer.WriteTerminate().ToArray();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WireVectors.Parts(vector, 1)[0]), JsonNode.Parse(terminate)));
        Assert.Equal(KeysOf(WireVectors.Parts(vector, 1)[0]), KeysOf(terminate));
    }

    [Fact]
    public void ClientRepliesMatchVidGears()
    {
        var vector = WireVectors.Named("client_p1_replies");
        var frameReply = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(vector.GetProperty("reply_to_frame_b64").GetString()!));
        var ours = System.Text.Encoding.UTF8.GetString(Replies.FrameAck(Replies.NewDeviceId()));
        Assert.Matches(@"^Data received on device: [A-Z0-9]{8} !$", frameReply);
        Assert.Matches(@"^Data received on device: [A-Z0-9]{8} !$", ours);
        Assert.Equal(frameReply.Length, ours.Length);
        Assert.Equal(Convert.FromBase64String(vector.GetProperty("reply_to_terminate_b64").GetString()!), Replies.TerminateMulti);
    }

    [Fact]
    public void RecordedVectorsCoverRawJpegAndEveryMessageKind()
    {
        var names = WireVectors.ServerVectors.Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.True(names.Count >= 20, $"only {names.Count} server vectors");
        Assert.Contains(names, n => n!.Contains("jpeg"));
        Assert.Contains(names, n => n!.Contains("message_zero"));
    }

    private static string[] KeysOf(byte[] json) => JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToArray();
}
