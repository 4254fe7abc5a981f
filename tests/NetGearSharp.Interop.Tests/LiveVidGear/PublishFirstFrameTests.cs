using System.Globalization;
using System.Text.Json.Nodes;
using NetGearSharp.Interop.Tests.Support;

namespace NetGearSharp.Interop.Tests.LiveVidGear;

/// <summary>
/// A Publish/Subscribe server whose client is already listening loses no frame: its first frame waits (bounded,
/// <see cref="NetGearServerOptions.PublishConnectWait"/>) for the connection and the subscription. Against the real
/// VidGear client, several tries, the library server and <c>netgear serve --pattern pubsub --frames 40 --fps 30</c>.
/// </summary>
public class PublishFirstFrameTests
{
    private const int Frames = 40;
    private const int Tries = 3;

    [Theory(Timeout = 240_000)]
    [InlineData(TransportKind.Native)]
    [InlineData(TransportKind.NetMq)]
    public async Task AListeningVidGearClientGetsAll40FramesEveryTime(TransportKind transport)
    {
        var failures = new List<string>();
        var transportName = transport == TransportKind.Native ? "native" : "netmq";
        using var images = new TestImages();
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            var ports = FreePorts.Take(2);
            int library = ports[0], cli = ports[1];
            var png = await images.WriteAsync(cli, smooth: false);
            using var client = PythonPeer.Start("vidgear_client.py", TimeSpan.FromSeconds(120),
                "--pattern", "2", "--ports", string.Join(',', ports), "--total", (2 * Frames).ToString(CultureInfo.InvariantCulture),
                "--timeout", "100", "--image", $"{cli}={png}");
            await client.WaitForEventAsync("ready", TimeSpan.FromSeconds(60)); // listening: bound, before any server exists

            using var serve = CliProcess.Start("serve", "--port", cli.ToString(CultureInfo.InvariantCulture), "--address", "127.0.0.1",
                "--pattern", "pubsub", "--frames", $"{Frames}", "--fps", "30", "--source", png, "--loop", "--transport", transportName);
            // The library server says goodbye last, a second after its last frame, when the client's reader has taken
            // every frame: VidGear's client drops what is still queued once every server has said goodbye.
            var plan = new OurServerPlan(library, ElementType.UInt8, [48, 64, 3], Frames, transport) { GoodbyeDelay = TimeSpan.FromSeconds(1) };
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await plan.RunAsync(NetGearPattern.PubSub, 30, cts.Token);
            Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(60)));
            try
            {
                await client.WaitForEventAsync("total", TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                // counted below
            }
            var frames = client.Events("frame");
            foreach (var port in ports)
            {
                var got = VidGearFrameChecks.OfPort(frames, port);
                if (got.Count != Frames || got.Any(l => !(bool)l["exact"]!))
                    failures.Add($"try {attempt}, {(port == cli ? "netgear serve" : "library")} ({transportName}): {got.Count} of {Frames} frames, {got.Count(l => (bool)l["exact"]!)} exact");
            }
            if (failures.Count == 0)
            {
                VidGearFrameChecks.AssertAll(frames, library, Frames, "uint8", [48, 64, 3], jpeg: false);
                VidGearFrameChecks.AssertAll(frames, cli, Frames, "uint8", [48, 64, 3], jpeg: false, _ => null);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
