using System.Globalization;
using System.Text.Json.Nodes;
using NetGearSharp.Interop.Tests.Support;

namespace NetGearSharp.Interop.Tests.LiveVidGear;

/// <summary>
/// Our servers (the library's <see cref="NetGearServer"/> on both transports and the <c>netgear serve</c> tool) send to
/// one real VidGear 0.3.5 client, all at once: raw 8-bit, 16-bit and 1-channel frames, JPEG, messages of every JSON
/// type; goodbyes, and one server killed with kill -9.
/// </summary>
public class OurServersToVidGearClientTests
{
    private const string CliRawMessage = "{\"cli\": [1, \"two\", null]}";
    private const string CliJpegMessage = "\"jpeg via netgear serve\"";

    /// <param name="pattern">Request/Reply or Publish/Subscribe.</param>
    /// <param name="mixed">The transport of the servers that are not native (half of the library servers, one <c>netgear serve</c>).</param>
    [Theory(Timeout = 240_000)]
    [InlineData(NetGearPattern.ReqRep, TransportKind.NetMq)]
    [InlineData(NetGearPattern.PubSub, TransportKind.Native)]
    [InlineData(NetGearPattern.PubSub, TransportKind.NetMq)]
    public async Task EveryFrameOfOurServersReachesAVidGearClient(NetGearPattern pattern, TransportKind mixed)
    {
        var ports = FreePorts.Take(7);
        OurServerPlan[] plans =
        [
            new(ports[0], ElementType.UInt8, [48, 64, 3], 2 * JsonMessages.All.Count, mixed),
            new(ports[1], ElementType.UInt16, [48, 64, 3], 8, TransportKind.Native),
            new(ports[2], ElementType.UInt8, [48, 64], 8, mixed),
            new(ports[3], ElementType.UInt8, [96, 128, 3], 8, TransportKind.Native, Jpeg: true),
        ];
        int cliRaw = ports[4], cliJpeg = ports[5], cliKilled = ports[6];
        const int cliFrames = 6;
        using var images = new TestImages();
        var rawPng = await images.WriteAsync(cliRaw, smooth: false);
        var jpegPng = await images.WriteAsync(cliJpeg, smooth: true);

        using var client = PythonPeer.Start("vidgear_client.py", TimeSpan.FromSeconds(200),
            "--pattern", ((int)pattern).ToString(CultureInfo.InvariantCulture), "--ports", string.Join(',', ports),
            "--timeout", "190", "--smooth", $"{ports[3]},{cliJpeg}", "--image", $"{cliRaw}={rawPng}", "--image", $"{cliJpeg}={jpegPng}");
        await client.WaitForEventAsync("ready", TimeSpan.FromSeconds(60));

        // Publish/Subscribe keeps the newest frame (VidGear's high-water mark is 1 on both ends): pace the servers.
        var fps = pattern == NetGearPattern.PubSub ? 30 : 0;
        var patternName = pattern == NetGearPattern.PubSub ? "pubsub" : "reqrep";
        string[] Serve(int port, params string[] more) =>
        [
            "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--address", "127.0.0.1", "--pattern", patternName,
            "--fps", fps.ToString(CultureInfo.InvariantCulture), .. more,
        ];
        // VidGear's client ends once every server seen so far has said goodbye, even if others have not connected yet:
        // the server that is killed later (it never says goodbye) goes first, so the client stays up for all the others.
        using var serveKilled = CliProcess.Start(Serve(cliKilled, "--source", "testsrc", "--size", "64x48", "--transport", "native"));
        await client.WaitUntilAsync(lines => VidGearFrameChecks.OfPort(Frames(lines), cliKilled).Count >= 1,
            TimeSpan.FromSeconds(90), "a frame of the server to kill");
        using var serveRaw = CliProcess.Start(Serve(cliRaw, "--source", rawPng, "--loop", "--frames", $"{cliFrames}", "--message", CliRawMessage,
            "--transport", mixed == TransportKind.Native ? "native" : "netmq"));
        using var serveJpeg = CliProcess.Start(Serve(cliJpeg, "--source", jpegPng, "--loop", "--frames", $"{cliFrames}", "--jpeg", "--transport", "native", "--message", CliJpegMessage));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var runs = plans.Select(p => p.RunAsync(pattern, fps, cts.Token)).ToArray();

        // The crash: kill -9 of the running `netgear serve` while the others send.
        await client.WaitUntilAsync(lines => VidGearFrameChecks.OfPort(Frames(lines), cliKilled).Count >= 3,
            TimeSpan.FromSeconds(90), "3 frames of the server to kill");
        serveKilled.Dispose();

        var goodbyes = await Task.WhenAll(runs);
        Assert.Equal(0, await serveRaw.WaitAsync(TimeSpan.FromSeconds(90)));
        Assert.Equal(0, await serveJpeg.WaitAsync(TimeSpan.FromSeconds(90)));
        if (pattern == NetGearPattern.ReqRep)
        {
            Assert.All(goodbyes, Assert.True); // VidGear's client answered every goodbye
            Assert.Contains("goodbye acknowledged", serveRaw.StandardError + serveRaw.StandardOutput, StringComparison.Ordinal);
        }
        var expected = plans.ToDictionary(p => p.Port, p => p.Frames);
        expected[cliRaw] = cliFrames;
        expected[cliJpeg] = cliFrames;
        await client.WaitUntilAsync(lines => expected.All(e => VidGearFrameChecks.OfPort(Frames(lines), e.Key).Count >= e.Value),
            TimeSpan.FromSeconds(30), "every frame of the servers that said goodbye");
        await Task.Delay(500); // anything extra (a repeat) would show now

        var frames = client.Events("frame");
        foreach (var p in plans)
            VidGearFrameChecks.AssertAll(frames, p.Port, p.Frames, p.Type == ElementType.UInt16 ? "uint16" : "uint8", p.Shape, p.Jpeg);
        VidGearFrameChecks.AssertAll(frames, cliRaw, cliFrames, "uint8", [48, 64, 3], jpeg: false, _ => JsonNode.Parse(CliRawMessage));
        VidGearFrameChecks.AssertAll(frames, cliJpeg, cliFrames, "uint8", [48, 64, 3], jpeg: true, _ => JsonNode.Parse(CliJpegMessage));
        var killed = VidGearFrameChecks.OfPort(frames, cliKilled);
        Assert.True(killed.Count >= 3);
        Assert.All(killed, l => Assert.Equal([48, 64, 3], l["shape"]!.AsArray().Select(v => (int)v!).ToArray()));
        // VidGear's client never learns that the killed server is gone, so it does not end by itself (ours does).
        Assert.Empty(client.Events("end"));
        Assert.False(client.HasExited, client.Describe());
    }

    private static IEnumerable<JsonObject> Frames(IReadOnlyList<JsonObject> lines) => lines.Where(l => (string?)l["event"] == "frame");
}
