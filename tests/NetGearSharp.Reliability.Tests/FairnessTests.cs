using System.Text.Json;
using NetGearSharp.Reliability.Tests.Fuzzing;
using NetGearSharp.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests;

/// <summary>Publish/Subscribe under load: no starvation, and the newest frame wins when the consumer is slow.</summary>
public class FairnessTests(ITestOutputHelper output)
{
    [Fact(Timeout = 90_000)]
    public async Task FloodingServerCannotStarveAnother()
    {
        var ports = FreePorts.Take(2);
        int flood = ports[0], calm = ports[1];
        var recorder = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = ports, Pattern = NetGearPattern.PubSub, AutoExit = false },
            consumerDelay: TimeSpan.FromMilliseconds(5));
        GoodServers? flooder = null, steady = null;
        try
        {
            flooder = new GoodServers([flood], NetGearPattern.PubSub, -1, TimeSpan.Zero, size: 160); // as fast as it can, 77 KB frames
            steady = new GoodServers([calm], NetGearPattern.PubSub, -1, TimeSpan.FromMilliseconds(40), size: 8); // ~25 fps
            await recorder.WaitForFramesAsync(ports, 5, TimeSpan.FromSeconds(30));
            var start = (Flood: recorder.Count(flood), Calm: recorder.Count(calm), CalmSent: Sent(steady, calm));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var end = (Flood: recorder.Count(flood), Calm: recorder.Count(calm), CalmSent: Sent(steady, calm));
            var floodGot = end.Flood - start.Flood;
            var calmGot = end.Calm - start.Calm;
            var calmSent = end.CalmSent - start.CalmSent;
            var floodSent = Sent(flooder, flood);
            output.WriteLine($"in 5 s: flooder delivered {floodGot} (of {floodSent} sent in total), calm server delivered {calmGot} of {calmSent} sent");
            Assert.True(calmGot >= calmSent * 0.8, $"the calm server was starved: {calmGot} of {calmSent} frames delivered");
            Assert.True(floodGot >= calmGot, $"the flooder got less than the calm server: {floodGot} vs {calmGot}");
            Assert.Empty(flooder.Errors);
            Assert.Empty(steady.Errors);
        }
        finally
        {
            flooder?.Dispose();
            steady?.Dispose();
            await recorder.DisposeAsync();
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task SlowConsumerGetsRecentFrames_LatencyStaysBounded()
    {
        var ports = FreePorts.Take(2);
        var ages = new List<double>();
        var recorder = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = ports, Pattern = NetGearPattern.PubSub, AutoExit = false },
            consumerDelay: TimeSpan.FromMilliseconds(150))
        {
            OnPacket = p =>
            {
                var sentAt = p.Message!.Value.GetProperty("t").GetInt64();
                lock (ages) ages.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sentAt);
            },
        };
        GoodServers? servers = null;
        try
        {
            // 60 fps each, 640x480x3 would be the real case; 64x64x3 keeps the test light. The consumer takes ~6 frames/s.
            servers = new GoodServers(ports, NetGearPattern.PubSub, -1, TimeSpan.FromMilliseconds(16), size: 64,
                message: n => new { n, t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() });
            await Task.Delay(TimeSpan.FromSeconds(6));
            double[] a;
            lock (ages) a = ages.ToArray();
            Assert.True(a.Length >= 20, $"only {a.Length} frames consumed");
            Array.Sort(a);
            var median = a[a.Length / 2];
            var p90 = a[(int)(a.Length * 0.9)];
            output.WriteLine($"consumed {a.Length} frames; age at consumption: median {median} ms, p90 {p90} ms, max {a[^1]} ms; sent {string.Join(", ", servers.Sent.Select(kv => $"{kv.Key}={kv.Value}"))}");
            // A backlog would grow by ~150 ms per frame consumed (to seconds within this run); newest-wins keeps it flat.
            Assert.True(p90 < 250, $"frames were {p90} ms old at the 90th percentile: a backlog builds up");
            foreach (var port in ports)
            {
                var n = recorder.Sequence(port);
                Assert.True(n.Length >= 5, $"port {port}: {n.Length} frames");
                Assert.True(n[^1] - n[0] > n.Length * 3, $"port {port}: frames were not skipped, so the consumer read old ones: {string.Join(",", n)}");
            }
            Assert.True(recorder.Client.Servers.All(s => s.Dropped > 0), "no frame was replaced by a newer one");
        }
        finally
        {
            servers?.Dispose();
            await recorder.DisposeAsync();
        }
    }

    private static long Sent(GoodServers servers, int port)
    {
        lock (servers.Sent) return servers.Sent.GetValueOrDefault(port);
    }
}
