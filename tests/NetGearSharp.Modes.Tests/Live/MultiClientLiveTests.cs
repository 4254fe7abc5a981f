using System.Globalization;
using NetGearSharp.Modes.Tests.Support;

namespace NetGearSharp.Modes.Tests.Live;

/// <summary>Multi-client mode against the real VidGear 0.3.5 (real processes), both ways, Request/Reply and Publish/Subscribe.</summary>
public sealed class MultiClientLiveTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Our_multi_client_server_deals_frames_to_VidGear_clients_and_gets_each_ones_port_and_data()
    {
        var ports = FreePorts.Take(2);
        using var a = PythonPeer.Start("vg_client.py", Budget, "--mode", "multiclient", "--pattern", "1", "--ports", S(ports[0]), "--return", $"{{\"who\": {ports[0]}}}");
        using var b = PythonPeer.Start("vg_client.py", Budget, "--mode", "multiclient", "--pattern", "1", "--ports", S(ports[1]), "--return", $"{{\"who\": {ports[1]}}}");
        await a.WaitForEventAsync("ready", Wait);
        await b.WaitForEventAsync("ready", Wait);
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1",
            MultiServerMode = false,
            MultiClientMode = true,
            Ports = ports,
            ConnectTimeout = Wait,
            RequestTimeout = TimeSpan.FromSeconds(10),
        });
        var answers = new List<(int? Port, string Type, string? Json)>();
        for (var n = 0; n < 12; n++)
        {
            using var frame = TestFrames.Filled((byte)n);
            using var reply = server.Send(frame, new { n });
            Assert.NotNull(reply);
            answers.Add((reply!.Port, reply.ReturnType, reply.DataJson));
        }
        Assert.All(answers, x => Assert.Contains(x.Port!.Value, ports));
        // Each client's data is its own (VidGear answers None before its first recv(return_data=...) has run).
        Assert.All(answers.Where(x => x.Type == "dict"), x => Assert.Equal($"{{\"who\": {x.Port}}}", x.Json));
        Assert.Contains(answers, x => x.Port == ports[0] && x.Type == "dict");
        Assert.Contains(answers, x => x.Port == ports[1] && x.Type == "dict");
        server.Close();
        await a.WaitUntilAsync(l => l.Count(x => (string?)x["event"] == "frame") == answers.Count(x => x.Port == ports[0]), Wait, "its dealt frames");
        await b.WaitUntilAsync(l => l.Count(x => (string?)x["event"] == "frame") == answers.Count(x => x.Port == ports[1]), Wait, "its dealt frames");
    }

    [Fact]
    public async Task A_VidGear_multi_client_server_deals_frames_to_our_clients_and_gets_each_ones_port_and_data()
    {
        var ports = FreePorts.Take(2);
        NetGearClient Client(int port) => new(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            MultiServerMode = false,
            MultiClientMode = true,
            ReturnData = p => NetGearReturnData.FromValue(new { client = p }),
        });
        await using var a = Client(ports[0]);
        await using var b = Client(ports[1]);
        using var cts = new CancellationTokenSource(Wait);
        var (seenA, doneA) = Drain.Start(a, cts.Token);
        var (seenB, doneB) = Drain.Start(b, cts.Token);
        using var server = PythonPeer.Start("vg_server.py", Budget, "--mode", "multiclient", "--pattern", "1", "--ports", $"{ports[0]},{ports[1]}", "--frames", "10");
        await server.WaitForEventAsync("done", Wait);
        var results = server.Events("sent").Select(l => l["result"]!).ToList();
        Assert.Equal(10, results.Count);
        foreach (var r in results)
        {
            // VidGear passes the port on as our client wrote it: a string.
            var port = int.Parse((string)r["port"]!, CultureInfo.InvariantCulture);
            Assert.Contains(port, ports);
            Assert.Equal("value", (string?)r["data"]!["kind"]);
            Assert.Equal(port, (int)r["data"]!["value"]!["client"]!);
        }
        Assert.Contains(results, r => (string?)r["port"] == S(ports[0]));
        Assert.Contains(results, r => (string?)r["port"] == S(ports[1]));
        // Our clients answer as frames arrive, before the readers may have taken them (CI saw 0 of 5 taken here).
        await Drain.UntilAsync(() => seenA.Count + seenB.Count >= 10, Wait, "our clients' readers to take the 10 frames");
        await Task.Delay(200); // room for a wrong extra frame to show
        await cts.CancelAsync();
        await Task.WhenAll(doneA, doneB);
        Assert.Equal(results.Count(r => (string?)r["port"] == S(ports[0])), seenA.Count);
        Assert.Equal(10, seenA.Count + seenB.Count);
    }

    [Fact]
    public async Task Publish_subscribe_our_server_reaches_every_VidGear_client()
    {
        var ports = FreePorts.Take(2);
        using var a = PythonPeer.Start("vg_client.py", Budget, "--mode", "multiclient", "--pattern", "2", "--ports", S(ports[0]), "--frames", "5");
        using var b = PythonPeer.Start("vg_client.py", Budget, "--mode", "multiclient", "--pattern", "2", "--ports", S(ports[1]), "--frames", "5");
        await a.WaitForEventAsync("ready", Wait);
        await b.WaitForEventAsync("ready", Wait);
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1",
            MultiServerMode = false,
            MultiClientMode = true,
            Pattern = NetGearPattern.PubSub,
            Ports = ports,
        });
        // Paced frames until both have had 5 (a subscriber joins late). A VidGear multi-client client gives the frame
        // only (no message): frame n is filled with n.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var n = 1;
        while (a.Events("end").Count == 0 || b.Events("end").Count == 0)
        {
            Assert.True(clock.Elapsed < Wait, $"both VidGear clients should get 5 frames.\n{a.Describe()}\n{b.Describe()}");
            using var frame = TestFrames.Filled((byte)n);
            Assert.Null(server.Send(frame, new { n }));
            n++;
            await Task.Delay(100);
        }
        foreach (var peer in new[] { a, b })
        {
            var got = peer.Events("frame").Select(f => (int)f["first"]!).ToList();
            Assert.Equal(5, got.Count);
            Assert.Equal(got.Order(), got); // in order, every client its own copy
        }
    }

    [Fact]
    public async Task Publish_subscribe_a_VidGear_server_reaches_every_one_of_our_clients()
    {
        var ports = FreePorts.Take(2);
        NetGearClient Client(int port) => new(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = [port],
            MultiServerMode = false,
            MultiClientMode = true,
            Pattern = NetGearPattern.PubSub,
            // A reader held up on a loaded machine loses no frame to the next one (a subscriber keeps one by default):
            // what is counted is what the VidGear server delivered.
            QueueCapacity = 30,
        });
        await using var a = Client(ports[0]);
        await using var b = Client(ports[1]);
        using var cts = new CancellationTokenSource(Wait);
        var (seenA, doneA) = Drain.Start(a, cts.Token);
        var (seenB, doneB) = Drain.Start(b, cts.Token);
        using var server = PythonPeer.Start("vg_server.py", Budget, "--mode", "multiclient", "--pattern", "2", "--ports", $"{ports[0]},{ports[1]}", "--frames", "30", "--fps", "10", "--delay", "1");
        await server.WaitForEventAsync("done", Wait);
        // The last frame (29) reaches each reader a moment after VidGear says it is done.
        await Drain.UntilAsync(() => seenA.Any(s => s.First == 29) && seenB.Any(s => s.First == 29), Wait,
            $"both readers to take frame 29 (took {seenA.Count} and {seenB.Count})");
        await cts.CancelAsync();
        await Task.WhenAll(doneA, doneB);
        foreach (var seen in new[] { seenA.ToList(), seenB.ToList() })
        {
            // A subscription takes a moment to reach VidGear's publisher, which drops what it sends before (its 1 s
            // delay covers that on an idle machine): from the first frame a client got, it gets every one, in order.
            var numbers = seen.Select(s => (int)s.First).ToList();
            var got = string.Join(",", numbers);
            Assert.True(numbers.Count > 0 && numbers[0] <= 15, $"each client should be subscribed within 1.5 s of the first frame; got {got}");
            Assert.True(numbers.Count >= 30 - numbers[0] - 2, $"each client should get (nearly) every frame from its first; got {got}");
            Assert.Equal(numbers.Order(), numbers);
            Assert.Contains(29, numbers);
        }
    }
}
