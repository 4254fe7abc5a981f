using System.Text.Json.Nodes;

namespace NetGearSharp.Interop.Tests.Support;

/// <summary>Checks the frame lines a VidGear client printed (Python/vidgear_client.py) for one server.</summary>
public static class VidGearFrameChecks
{
    /// <summary>The frame lines of one port, in arrival order.</summary>
    public static List<JsonObject> OfPort(IEnumerable<JsonObject> frameLines, int port)
        => frameLines.Where(l => PortIds.Same(l["port"]!, port)).ToList();

    /// <summary>
    /// Every frame arrived once, in order, with the port as VidGear hands it (a string), its element type and shape, exact
    /// pixels (JPEG: within the codec's error), and the message as VidGear hands it: only when Python finds it true.
    /// </summary>
    /// <param name="expectedMessage">The message sent with frame n; null: the frames carried <see cref="JsonMessages.For"/>.</param>
    public static void AssertAll(IEnumerable<JsonObject> frameLines, int port, int frames, string dtype, int[] shape, bool jpeg,
        Func<int, JsonNode?>? expectedMessage = null)
    {
        var lines = OfPort(frameLines, port);
        Assert.True(lines.Count == frames, $"port {port}: {lines.Count} of {frames} frames arrived at VidGear's client.");
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            var where = $"port {port} frame {n}: {line.ToJsonString()}";
            Assert.True((bool)line["portIsString"]!, where);
            Assert.Equal(dtype, (string?)line["dtype"]);
            Assert.Equal(shape, line["shape"]!.AsArray().Select(v => (int)v!).ToArray());
            if (jpeg) Assert.True((double)line["mad"]! <= TestFrames.JpegMeanAbsDiffBound, $"JPEG error too large, {where}");
            else Assert.True((bool)line["exact"]!, $"pixels differ, {where}");
            var sent = expectedMessage is null ? JsonMessages.Node(n) : expectedMessage(n);
            // VidGear's client returns (port, frame) when the message is falsy in Python: it is lost there.
            Assert.True(JsonMessages.Truthy(sent) == (bool)line["hasMessage"]!, $"sent {sent?.ToJsonString() ?? "null"}, {where}");
            if (JsonMessages.Truthy(sent)) Assert.True(JsonMessages.Same(sent, line["message"]), $"message differs: sent {sent!.ToJsonString()}, {where}");
        }
    }
}
