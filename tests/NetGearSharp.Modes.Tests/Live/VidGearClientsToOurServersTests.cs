using System.Globalization;
using NetGearSharp.Modes.Tests.Support;

namespace NetGearSharp.Modes.Tests.Live;

/// <summary>The real VidGear 0.3.5's clients (real processes) return data to our servers, which get it from <c>Send</c>.</summary>
public sealed class VidGearClientsToOurServersTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static NetGearServerOptions Options(int port, bool multiServer = true, NetGearPattern pattern = NetGearPattern.ReqRep) => new()
    {
        Address = "127.0.0.1",
        Port = port,
        MultiServerMode = multiServer,
        Pattern = pattern,
        BidirectionalMode = true,
        ConnectTimeout = Wait,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task Our_bidirectional_multiserver_servers_get_the_VidGear_clients_return_value()
    {
        var ports = FreePorts.Take(2);
        using var client = PythonPeer.Start("vg_client.py", Budget, "--mode", "bi-multiserver", "--pattern", "1", "--ports", $"{ports[0]},{ports[1]}", "--return", "{\"ok\": 1, \"by\": \"vidgear\"}");
        await client.WaitForEventAsync("ready", Wait);
        // VidGear's client ends once every server it has seen said goodbye: neither says it before both have sent all.
        using var bothSent = new Barrier(2);
        var replies = await Task.WhenAll(ports.Select(port => Task.Run(async () =>
        {
            using var server = new NetGearServer(Options(port));
            var got = new List<(string Type, string? Json)>();
            for (var n = 0; n < 6; n++)
            {
                using var frame = TestFrames.Filled((byte)n);
                using var reply = server.Send(frame, new { n });
                Assert.NotNull(reply);
                Assert.Null(reply!.Port);
                got.Add((reply.ReturnType, reply.DataJson));
            }
            Assert.True(bothSent.SignalAndWait(Wait));
            // VidGear's recv() drops what is still in its queue once every server has said goodbye (below, on
            // Dispose): say it only once the client's script has taken some of this port's frames.
            await client.WaitUntilAsync(lines => lines.Count(l => (string?)l["event"] == "frame" && (string?)l["port"] == S(port)) >= 3,
                Wait, $"3 frames from port {port}");
            return got;
        })));
        // VidGear's recv() returns None as soon as every server has said goodbye, dropping frames still in its queue.
        await client.WaitForEventAsync("end", Wait);
        foreach (var got in replies)
        {
            // VidGear answers from its receive thread: a frame that arrives before the first recv(return_data=...) is answered with None.
            Assert.All(got, g => Assert.True(g.Type == "NoneType" || g is ("dict", "{\"ok\": 1, \"by\": \"vidgear\"}"), $"{g.Type} {g.Json}"));
            Assert.Equal(("dict", "{\"ok\": 1, \"by\": \"vidgear\"}"), got[^1]);
        }
        var frames = client.Events("frame");
        foreach (var port in ports)
        {
            var numbers = frames.Where(f => (string?)f["port"] == S(port)).Select(f => (int)f["first"]!).ToList();
            Assert.True(numbers.Count >= 3, $"port {port}: {numbers.Count} frames");
            Assert.Equal(Enumerable.Range(0, numbers.Count), numbers);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Our_server_gets_a_frame_a_VidGear_client_returns(bool jpeg)
    {
        var port = FreePorts.One();
        using var client = PythonPeer.Start("vg_client.py", Budget, "--mode", "bi", "--pattern", "1", "--ports", S(port), "--return-frame", "9", "--jpeg", jpeg ? "1" : "0");
        await client.WaitForEventAsync("ready", Wait);
        using var server = new NetGearServer(Options(port, multiServer: false));
        Frame? last = null;
        for (var n = 0; n < 4; n++)
        {
            using var frame = TestFrames.Filled((byte)n);
            var reply = server.Send(frame, new { n });
            Assert.NotNull(reply);
            if (reply!.Frame is { } f)
            {
                last?.Dispose();
                last = f;
                Assert.Equal("ndarray", reply.ReturnType);
            }
            else
            {
                Assert.Equal("NoneType", reply.ReturnType); // before VidGear's first recv(return_data=...)
            }
        }
        Assert.NotNull(last);
        Assert.Equal([24, 32, 3], last!.Shape);
        if (jpeg) Assert.All(last.Data.ToArray(), b => Assert.InRange(b, 4, 14));
        else Assert.All(last.Data.ToArray(), b => Assert.Equal(9, b));
        last.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="send"/> with our plain bidirectional server (logging to <paramref name="log"/>) of a VidGear
    /// client that returns vg_client.py's <paramref name="array"/>.
    /// </summary>
    private static async Task SendToArrayReturningClientAsync(string array, CollectingLoggerFactory log, Action<NetGearServer> send)
    {
        var port = FreePorts.One();
        using var client = PythonPeer.Start("vg_client.py", Budget, "--mode", "bi", "--pattern", "1", "--ports", S(port), "--return-array", array);
        await client.WaitForEventAsync("ready", Wait);
        using var server = new NetGearServer(Options(port, multiServer: false) with { LoggerFactory = log });
        send(server);
    }

    [Fact]
    public async Task Our_server_gets_a_1D_array_a_VidGear_client_returns()
    {
        // recv(return_data=np.arange(4, dtype=np.float32) * 0.5): coordinates, scores. Dropped before (a frame had to be 2-D).
        var log = new CollectingLoggerFactory();
        float[]? last = null;
        await SendToArrayReturningClientAsync("scores", log, server =>
        {
            for (var n = 0; n < 4; n++)
            {
                using var frame = TestFrames.Filled((byte)n);
                using var reply = server.Send(frame, new { n });
                Assert.NotNull(reply);
                if (reply!.Frame is not { } array) continue; // None before VidGear's first recv(return_data=...)
                Assert.Equal("ndarray", reply.ReturnType);
                Assert.Equal([4], array.Shape);
                Assert.Equal(ElementType.Float32, array.ElementType);
                last = array.AsSpan<float>().ToArray();
            }
        });
        Assert.NotNull(last);
        Assert.Equal([0f, 0.5f, 1f, 1.5f], last);
        lock (log.Lines) Assert.DoesNotContain(log.Lines, l => l.Contains(" Warning ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_complex_array_a_VidGear_client_returns_is_named_in_the_log()
    {
        var log = new CollectingLoggerFactory();
        await SendToArrayReturningClientAsync("complex", log, server =>
        {
            for (var n = 0; n < 4; n++)
            {
                using var frame = TestFrames.Filled((byte)n);
                using var reply = server.Send(frame, new { n }); // null: the array cannot be read
            }
        });
        string warnings;
        lock (log.Lines) warnings = string.Join('\n', log.Lines.Where(l => l.Contains(" Warning ", StringComparison.Ordinal)));
        Assert.Contains("returned data this server cannot read: array_dtype 'complex64' (complex numbers) is not supported", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("bidirectional", warnings, StringComparison.Ordinal); // not the other-mode hint any more
    }

    [Fact]
    public async Task Whole_floats_in_our_messages_reach_a_VidGear_client_as_floats()
    {
        var port = FreePorts.One();
        using var client = PythonPeer.Start("vg_client.py", Budget, "--mode", "bi", "--pattern", "1", "--ports", S(port), "--return", "1");
        await client.WaitForEventAsync("ready", Wait);
        using var server = new NetGearServer(Options(port, multiServer: false));
        for (var n = 0; n < 3; n++)
        {
            using var frame = TestFrames.Filled((byte)n);
            using var reply = server.Send(frame, new { t = 21.0, xy = new[] { 1.0, 2.5 }, n });
        }
        await client.WaitUntilAsync(lines => lines.Count(l => (string?)l["event"] == "frame") >= 3, Wait, "3 frames");
        // Python's own type names for what it read: 21.0 was sent as 21 before, an int there.
        Assert.All(client.Events("frame"), f =>
            Assert.Equal("{\"t\":\"float\",\"xy\":[\"float\",\"float\"],\"n\":\"int\"}", f["types"]!.ToJsonString()));
    }

    [Fact]
    public async Task Our_bidirectional_pair_server_gets_the_VidGear_clients_value()
    {
        var port = FreePorts.One();
        using var client = PythonPeer.Start("vg_client.py", Budget, "--mode", "bi", "--pattern", "0", "--ports", S(port), "--return", "\"from pair\"");
        await client.WaitForEventAsync("ready", Wait);
        using var server = new NetGearServer(Options(port, multiServer: false, NetGearPattern.Pair));
        NetGearReply? last = null;
        for (var n = 0; n < 4; n++)
        {
            using var frame = TestFrames.Filled((byte)n);
            last?.Dispose();
            last = server.Send(frame, new { n });
        }
        Assert.Equal("str", last!.ReturnType);
        Assert.Equal("from pair", last.GetData<string>());
        await client.WaitUntilAsync(lines => lines.Count(l => (string?)l["event"] == "frame") >= 4, Wait, "4 frames");
        Assert.Equal("{\"n\":3}", client.Events("frame")[3]["message"]!.ToJsonString());
    }
}
