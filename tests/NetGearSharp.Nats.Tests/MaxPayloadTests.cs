using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>
/// Frames larger than the NATS server's max payload are refused with a clear error, never dropped silently: at connect
/// when the expected size says so, else skipped, counted and logged per server while the other servers' frames go on.
/// </summary>
public sealed class MaxPayloadTests
{
    [Fact(Timeout = 60_000)]
    public async Task ExpectedFrameSizeOverTheServersMaxPayloadFailsAtConnect()
    {
        using var nats = await NatsServerProcess.StartAsync(config: "max_payload: 65536\n");
        var error = await Assert.ThrowsAsync<NatsFrameTooLargeException>(() => NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], ExpectedFrameBytes = 640 * 480 * 3,
        }));
        Assert.Equal(65536, error.MaxPayload);
        Assert.Contains("max payload of 65536 bytes", error.Message);
        Assert.Null(error.Port); // no particular server: the expected size was refused
        Assert.Contains("expected frame size", error.Message);
    }

    [Fact(Timeout = 120_000)]
    public async Task FramesOverTheServersMaxPayloadAreSkippedCountedAndLoggedWhileOtherServersGoOn()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync(config: "max_payload: 65536\n");
        var ports = FreePorts.Take(2);
        int big = ports[0], small = ports[1];
        var prefix = "big" + Guid.NewGuid().ToString("N")[..8];
        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix }, timeout.Token);
        var collecting = Cameras.CollectAsync(worker, timeout.Token);
        var log = new CollectingLoggerFactory();
        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = prefix, LoggerFactory = log, BufferCapacity = 100,
        }, timeout.Token);
        Assert.Equal(65536, forwarder.MaxPayload);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        await Task.WhenAll(
            Cameras.RunAsync([big], 5, TimeSpan.FromMilliseconds(5), timeout.Token, shape: [240, 320, 3]), // 230,400 bytes: cannot go
            Cameras.RunAsync([small], 10, TimeSpan.FromMilliseconds(5), timeout.Token, shape: [60, 80, 3]));
        var stats = await forwarding;
        var received = await collecting;

        Assert.Equal(10, stats.Published);
        Assert.Equal(5, stats.TooLarge);
        Assert.Equal(5, stats.TooLargeByPort[big]);
        Assert.False(stats.TooLargeByPort.ContainsKey(small));
        Assert.Equal(Enumerable.Range(0, 10), received.Where(r => r.Port == small).Select(r => r.N));
        Assert.DoesNotContain(received, r => r.Port == big);
        string[] errors;
        lock (log.Lines) errors = log.Lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal)).ToArray();
        var error = Assert.Single(errors); // once for its server, not once a frame
        Assert.Contains($"Frame of server {big} is", error);
        Assert.Contains("max payload of 65536 bytes", error);
        Assert.Contains("raise max_payload", error);
        Assert.Contains("the other servers' frames go on", error);
        LoggedEvent logged;
        lock (log.Lines) logged = Assert.Single(log.Events, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(4106, logged.EventId.Id);
        Assert.Equal("ForwarderFrameTooLarge", logged.EventId.Name);
        Assert.Equal(typeof(NatsForwarder).FullName, logged.Category);
    }

    [Fact(Timeout = 120_000)]
    public async Task JpegHopFitsFramesTheRawHopCannotCarry()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        using var nats = await NatsServerProcess.StartAsync(config: "max_payload: 65536\n");
        var ports = FreePorts.Take(1);
        var prefix = "jpeg" + Guid.NewGuid().ToString("N")[..8];
        await using var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions { Urls = [nats.Url], Prefix = prefix }, timeout.Token);
        var shapes = new List<string>();
        var collecting = Task.Run(() => CollectShapesAsync(worker, shapes, timeout.Token));
        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = prefix, Compression = NatsHopCompression.Jpeg, BufferCapacity = 100,
        }, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        await Cameras.RunAsync(ports, 10, TimeSpan.FromMilliseconds(5), timeout.Token, shape: [240, 320, 3]);
        var stats = await forwarding;
        await collecting;
        Assert.Equal(10, stats.Published);
        Assert.Equal(10, shapes.Count);
        Assert.All(shapes, s => Assert.Equal("UInt8 240x320x3", s));
    }

    private static async Task CollectShapesAsync(NatsPacketSource source, List<string> shapes, CancellationToken token)
    {
        await foreach (var packet in source.ReadAllAsync(token))
        {
            using (packet)
            {
                var stamp = packet.GetMessage<Cameras.Stamp>()!;
                // A flat grey frame survives JPEG within a step or two.
                Assert.InRange(packet.Frame.Data[packet.Frame.Length / 2], (byte)Math.Max(0, stamp.N - 3), (byte)Math.Min(255, stamp.N + 3));
                shapes.Add($"{packet.Frame.ElementType} {string.Join("x", packet.Frame.Shape)}");
            }
        }
    }
}
