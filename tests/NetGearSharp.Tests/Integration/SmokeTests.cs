using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

public class SmokeTests
{
    static readonly CollectingLoggerFactory LF = new("/tmp/smoke.log");
    [Fact(Timeout = 30000)]
    public async Task TwoServersReqRep()
    {
        var ports = FreePorts.Take(2);
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, LoggerFactory = LF });
        var sends = ports.Select((p, i) => Task.Run(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = p, LoggerFactory = LF });
            for (var n = 0; n < 20; n++)
            {
                using var f = TestFrames.Numbered(i, n);
                server.Send(f, new { n });
            }
        })).ToArray();
        var count = 0;
        try {
        await foreach (var packet in client.ReadAllAsync().WithCancellation(new CancellationTokenSource(8000).Token))
        {
            using (packet) count++;
        }
        } catch (OperationCanceledException) {
          throw new Exception($"count {count} " + string.Join("; ", client.Servers.Select(s => s.ToString())) + " sends: " + string.Join(",", sends.Select(t => t.Status + " " + t.Exception?.InnerException?.Message)));
        }
        await Task.WhenAll(sends);
        Assert.Equal(40, count);
    }
}
