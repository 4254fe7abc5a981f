using System.Text.Json.Nodes;
using NetGearSharp.Interop.Tests.Support;

namespace NetGearSharp.Interop.Tests.LiveVidGear;

/// <summary>
/// Real VidGear 0.3.5 servers (one process each, as people run them) send to our library's <see cref="NetGearClient"/>
/// on both transports: raw 8-bit, 16-bit and 1-channel frames, JPEG, messages of every JSON type, goodbyes and a kill -9.
/// </summary>
public class VidGearServersToOurClientTests
{
    public static IEnumerable<object[]> Cases =>
        from pattern in new[] { NetGearPattern.ReqRep, NetGearPattern.PubSub }
        from transport in new[] { TransportKind.NetMq, TransportKind.Native }
        select new object[] { pattern, transport };

    [Theory(Timeout = 180_000)]
    [MemberData(nameof(Cases))]
    public async Task EveryFrameOfVidGearServersReachesOurClient(NetGearPattern pattern, TransportKind transport)
    {
        var ports = FreePorts.Take(4);
        VidGearServerSpec[] specs =
        [
            new(ports[0], "uint8", [48, 64, 3], 2 * JsonMessages.All.Count, Jpeg: false, Messages: true, Crash: false),
            new(ports[1], "uint16", [48, 64, 3], 8, Jpeg: false, Messages: false, Crash: false),
            new(ports[2], "uint8", [48, 64], 8, Jpeg: false, Messages: true, Crash: true),
            new(ports[3], "uint8", [96, 128, 3], 8, Jpeg: true, Messages: true, Crash: false),
        ];
        using var go = new GoFile();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = ports,
            Pattern = pattern,
            Transport = transport,
            WaitForAllServers = true,
            // Every frame is checked: Publish/Subscribe's default queue of 1 keeps only the newest packet when this
            // reader falls behind for a moment on a loaded machine (counted in Dropped), which is not what is tested.
            QueueCapacity = 1000,
        });
        using var servers = new ProcessGroup();
        foreach (var spec in specs) servers.Add(spec.Start(pattern, go.Path));
        foreach (var server in servers.All) await server.WaitForEventAsync("ready", TimeSpan.FromSeconds(60));
        await go.GoAsync();

        var received = specs.ToDictionary(s => s.Port, _ => new List<string>());
        var problems = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await foreach (var packet in client.ReadAllAsync(cts.Token))
            {
                using (packet)
                {
                    var spec = specs.Single(s => PortIds.Same(s.Port, packet.Port));
                    var n = received[spec.Port].Count;
                    received[spec.Port].Add(packet.MessageJson ?? "null");
                    var where = $"port {spec.Port} frame {n}";
                    using var want = TestFrames.Make(spec.Port, n, spec.Type, spec.Jpeg, spec.Shape);
                    if (!packet.Frame.Shape.SequenceEqual(spec.Shape) || packet.Frame.ElementType != spec.Type)
                        problems.Add($"{where}: got {packet.Frame}, sent {want}");
                    else if (spec.Jpeg ? TestFrames.MeanAbsDiff(packet.Frame.Data, want.Data) > TestFrames.JpegMeanAbsDiffBound
                                       : !packet.Frame.Data.SequenceEqual(want.Data))
                        problems.Add($"{where}: pixels differ (mean abs diff {TestFrames.MeanAbsDiff(packet.Frame.Data, want.Data):0.00})");
                    // We hand over every message that is not null, falsy ones included (VidGear's client drops those).
                    var sent = spec.MessageJson(n);
                    if (packet.HasMessage != (sent is not null)) problems.Add($"{where}: HasMessage {packet.HasMessage}, sent {sent ?? "no message"}");
                    else if (sent is not null && !JsonMessages.Same(JsonNode.Parse(sent), JsonNode.Parse(packet.MessageJson!)))
                        problems.Add($"{where}: message {packet.MessageJson}, sent {sent}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Our client did not end; servers: {string.Join("; ", client.Servers.Select(s => $"{s.Port} {s.State} {s.Frames}"))}\n" +
                string.Join("\n", servers.All.Select(s => s.Describe())));
        }

        if (problems.Count > 0) problems.Add("client: " + string.Join("; ", client.Servers.Select(s => $"{s.Port} {s.State} {s.Frames} frames, {s.Dropped} dropped")));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        foreach (var spec in specs)
        {
            Assert.True(received[spec.Port].Count == spec.Frames, $"port {spec.Port}: {received[spec.Port].Count} of {spec.Frames} frames");
            var info = client.Servers.Single(s => PortIds.Same(s.Port, spec.Port));
            // A goodbye ends a server; kill -9 is noticed as a lost connection. VidGear's Publish/Subscribe close() sends
            // its goodbye and closes at once with linger 0, so the goodbye is mostly lost on its way: lost, then.
            if (spec.Crash) Assert.Equal(ServerState.Lost, info.State);
            else if (pattern == NetGearPattern.ReqRep) Assert.Equal(ServerState.Terminated, info.State);
            else Assert.Contains(info.State, new[] { ServerState.Terminated, ServerState.Lost });
            Assert.Equal(0, info.Malformed);
        }
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion);
        foreach (var server in servers.All) Assert.Empty(server.Events("timeout"));
    }

    private sealed record Reading(double T, double[] I, int N);

    /// <summary>
    /// Python's json module writes NaN and the infinities as bare words (not JSON): our client reads them (they were
    /// malformed headers, every such frame dropped) and a typed message gets the floats back.
    /// </summary>
    [Theory(Timeout = 120_000)]
    [InlineData(NetGearPattern.ReqRep)]
    [InlineData(NetGearPattern.PubSub)]
    public async Task NaN_and_the_infinities_from_a_VidGear_server_arrive_as_floats(NetGearPattern pattern)
    {
        var port = FreePorts.Take(1)[0];
        using var go = new GoFile();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Pattern = pattern, QueueCapacity = 100,
        });
        var pubsub = pattern == NetGearPattern.PubSub;
        using var servers = new ProcessGroup();
        var server = servers.Add(PythonPeer.Start("vidgear_server.py", TimeSpan.FromSeconds(100),
            "--pattern", ((int)pattern).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--frames", "3", "--shape", "4,6,3",
            "--messages", "[{\"t\": NaN, \"i\": [Infinity, -Infinity], \"n\": 1}]",
            "--fps", pubsub ? "15" : "0", "--delay", pubsub ? "1.5" : "0", "--settle", pubsub ? "0.5" : "0",
            "--go-file", go.Path, "--timeout", "90"));
        await server.WaitForEventAsync("ready", TimeSpan.FromSeconds(60));
        await go.GoAsync();

        var readings = new List<Reading>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var packet in client.ReadAllAsync<Reading>(cts.Token))
        {
            using (packet) readings.Add(packet.Message!);
        }
        Assert.Equal(0, client.GetServer(port)!.Malformed);
        Assert.Equal(3, readings.Count);
        Assert.All(readings, r =>
        {
            Assert.True(double.IsNaN(r.T));
            Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], r.I);
            Assert.Equal(1, r.N);
        });
    }

    /// <summary>
    /// Messages VidGear's client reads and ours dropped or could not pass on: nested deeper than 64 (the frame was
    /// dropped as malformed, <c>maximum configured depth of 64</c>), and a string with a lone surrogate escape (what
    /// Python's <c>json</c> writes for a file name that is not UTF-8).
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task Deep_and_lone_surrogate_messages_from_a_VidGear_server_arrive_as_sent()
    {
        var port = FreePorts.Take(1)[0];
        var deep = new string('[', 200) + "1" + new string(']', 200);
        const string odd = """{"camera": "cam-\udce9tage"}""";
        using var go = new GoFile();
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], QueueCapacity = 100 });
        using var servers = new ProcessGroup();
        var server = servers.Add(PythonPeer.Start("vidgear_server.py", TimeSpan.FromSeconds(100),
            "--pattern", "1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--frames", "2", "--shape", "4,6,3",
            "--messages", $"[{deep}, {odd}]", "--go-file", go.Path, "--timeout", "90"));
        await server.WaitForEventAsync("ready", TimeSpan.FromSeconds(60));
        await go.GoAsync();

        var messages = new List<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var packet in client.ReadAllAsync(cts.Token))
        {
            using (packet)
            {
                Assert.NotNull(packet.Message); // parses
                messages.Add(System.Text.Encoding.UTF8.GetString(NetGearMessageJson.ToJsonBytes(packet.Message!.Value)));
            }
        }
        Assert.Equal(0, client.GetServer(port)!.Malformed);
        Assert.Equal([deep, odd], messages); // the second as it came: it cannot be rewritten as .NET text
    }
}
