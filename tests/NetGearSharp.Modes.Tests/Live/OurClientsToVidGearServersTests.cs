using System.Globalization;
using System.Text.Json.Nodes;
using NetGearSharp.Modes.Tests.Support;

namespace NetGearSharp.Modes.Tests.Live;

/// <summary>Our clients return data to the real VidGear 0.3.5's servers (real processes), which get it from <c>send()</c>.</summary>
public sealed class OurClientsToVidGearServersTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A client of one VidGear server in plain bidirectional mode (single-server), on <paramref name="port"/>.</summary>
    private static NetGearClient PlainBidirectionalClient(int port, NetGearPattern pattern = NetGearPattern.ReqRep) => new(new NetGearClientOptions
    {
        Address = "127.0.0.1",
        Ports = [port],
        MultiServerMode = false,
        Pattern = pattern,
        BidirectionalMode = true,
    });

    private static List<JsonNode?> Results(PythonPeer peer) => peer.Events("sent").Select(l => l["result"]).ToList();

    [Fact]
    public async Task Each_VidGear_multiserver_server_gets_the_data_returned_for_its_own_port()
    {
        var ports = FreePorts.Take(2);
        var log = new CollectingLoggerFactory();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1",
            Ports = ports,
            BidirectionalMode = true,
            ReturnData = port => NetGearReturnData.FromValue(new { forPort = port }),
            // VidGear's rule would end the client when one server finishes before the other has sent a frame.
            WaitForAllServers = true,
            LoggerFactory = log,
        });
        using var cts = new CancellationTokenSource(Wait);
        var drain = Drain.ReadAsync(client, cts.Token);
        using var a = PythonPeer.Start("vg_server.py", Budget, "--mode", "bi-multiserver", "--pattern", "1", "--ports", S(ports[0]), "--frames", "5");
        using var b = PythonPeer.Start("vg_server.py", Budget, "--mode", "bi-multiserver", "--pattern", "1", "--ports", S(ports[1]), "--frames", "5");
        try
        {
            await a.WaitForEventAsync("done", Wait);
            await b.WaitForEventAsync("done", Wait);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            string lines;
            lock (log.Lines) lines = string.Join('\n', log.Lines);
            throw new InvalidOperationException($"{ex.Message}\nother server:\n{(ex.Message.Contains(S(ports[0]), StringComparison.Ordinal) ? b : a).Describe()}\nclient log:\n{lines}", ex);
        }
        foreach (var (peer, port) in new[] { (a, ports[0]), (b, ports[1]) })
        {
            var results = Results(peer);
            Assert.Equal(5, results.Count);
            Assert.All(results, r =>
            {
                Assert.Equal("value", (string?)r!["kind"]);
                Assert.Equal(port, (int)r["value"]!["forPort"]!);
            });
        }
        await client.Completion.WaitAsync(Wait); // both said goodbye
        // The reader ends by itself once it has taken every frame (the client's end comes before that).
        var frames = (await drain.WaitAsync(Wait)).ToList();
        Assert.Equal(10, frames.Count);
        Assert.Equal(5, frames.Count(f => f.Port == ports[0]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_VidGear_bidirectional_server_gets_our_returned_frame(bool jpeg)
    {
        var port = FreePorts.One();
        using var returned = TestFrames.Filled(7, 24, 32);
        await using var client = PlainBidirectionalClient(port);
        client.SetReturnData(NetGearReturnData.FromFrame(returned, jpeg ? JpegOptions.Default : null));
        using var cts = new CancellationTokenSource(Wait);
        var (seen, drain) = Drain.Start(client, cts.Token);
        using var server = PythonPeer.Start("vg_server.py", Budget, "--mode", "bi", "--pattern", "1", "--ports", S(port), "--frames", "3", "--jpeg", jpeg ? "1" : "0");
        await server.WaitForEventAsync("done", Wait);
        var results = Results(server);
        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal("frame", (string?)r!["kind"]);
            Assert.Equal("[24,32,3]", r["shape"]!.ToJsonString());
            Assert.Equal("uint8", (string?)r["dtype"]);
            var sum = (long)r["sum"]!;
            if (jpeg) Assert.InRange(sum, 24 * 32 * 3 * 5, 24 * 32 * 3 * 9); // lossy, a flat colour stays close
            else Assert.Equal(24 * 32 * 3 * 7, sum);
        });
        // Our client answers as frames arrive; its reader may take them a moment later.
        await Drain.UntilAsync(() => seen.Count >= 3, Wait, "the reader to take the 3 frames");
        await cts.CancelAsync();
        await drain;
        var frames = seen.ToList();
        Assert.Equal(3, frames.Count);
        for (var n = 0; n < 3; n++)
        {
            if (jpeg) Assert.InRange(frames[n].First, Math.Max(0, n - 2), n + 2); // JPEG is lossy
            else Assert.Equal(n, frames[n].First);                             // raw: exact, so a reused buffer shows
        }
        Assert.Equal("{\"n\":0}", frames[0].Message?.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_VidGear_server_gets_the_whole_floats_we_return_as_floats()
    {
        var port = FreePorts.One();
        await using var client = PlainBidirectionalClient(port);
        client.SetReturnData(NetGearReturnData.FromValue(new { score = 3.0, box = new[] { 0.0, 1.0 }, n = 2 }));
        using var cts = new CancellationTokenSource(Wait);
        var (seen, drain) = Drain.Start(client, cts.Token);
        using var server = PythonPeer.Start("vg_server.py", Budget, "--mode", "bi", "--pattern", "1", "--ports", S(port), "--frames", "3");
        await server.WaitForEventAsync("done", Wait);
        var results = Results(server);
        Assert.Equal(3, results.Count);
        // Python's own type names for what send() returned: 3.0 was sent as 3 before, an int there.
        Assert.All(results, r => Assert.Equal("{\"score\":\"float\",\"box\":[\"float\",\"float\"],\"n\":\"int\"}", r!["types"]!.ToJsonString()));
        await cts.CancelAsync();
        await drain;
    }

    [Fact]
    public async Task A_VidGear_bidirectional_pair_server_gets_our_value()
    {
        var port = FreePorts.One();
        await using var client = PlainBidirectionalClient(port, NetGearPattern.Pair);
        client.SetReturnData(NetGearReturnData.FromJson("[\"pair\", 1]"));
        using var cts = new CancellationTokenSource(Wait);
        var (seen, drain) = Drain.Start(client, cts.Token);
        using var server = PythonPeer.Start("vg_server.py", Budget, "--mode", "bi", "--pattern", "0", "--ports", S(port), "--frames", "3");
        await server.WaitForEventAsync("done", Wait);
        Assert.All(Results(server), r => Assert.Equal("[\"pair\",1]", r!["value"]!.ToJsonString()));
        await Drain.UntilAsync(() => seen.Count >= 3, Wait, "the reader to take the 3 frames");
        await cts.CancelAsync();
        await drain;
        Assert.Equal(3, seen.Count);
    }
}
