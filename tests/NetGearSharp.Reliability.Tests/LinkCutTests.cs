using NetGearSharp.Reliability.Tests.Support;

namespace NetGearSharp.Reliability.Tests;

/// <summary>
/// Silent link cuts: the client and two servers each in a network namespace made by the test, joined by veth pairs.
/// Taking a server's interface down closes nothing (no FIN, no RST): only heartbeats can tell.
/// </summary>
public class LinkCutTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Issue 11 item 9: with the client's default heartbeats a cut link is Lost within 3 s.</summary>
    private const double BoundSeconds = 3.0;

    [NetnsFact(Timeout = 150_000)]
    public Task ReqRep_LinkDownIsLostWithin3s_LinkUpStreamsAgain() => Run("reqrep", "native");

    [NetnsFact(Timeout = 150_000)]
    public Task PubSub_LinkDownIsLostWithin3s_LinkUpStreamsAgain() => Run("pubsub", "native");

    /// <summary>A NetMQ subscriber heartbeats by default too (it sends no multipart messages a PING could split).</summary>
    [NetnsFact(Timeout = 150_000)]
    public Task PubSub_NetMqClient_LinkDownIsLostWithin3s() => Run("pubsub", "netmq");

    private async Task Run(string pattern, string transport)
    {
        var ports = FreePorts.Take(2);
        Netns? lab = null;
        Peer? client = null, a = null, b = null;
        try
        {
            lab = Netns.Create(servers: 2);
            client = Peer.Start($"--role client --ports {ports[0]},{ports[1]} --address * --pattern {pattern} --transport {transport}", lab.ClientNs);
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            // Servers retry for long enough to outlive the cut (Request/Reply: 2 s timeout, 30 retries).
            a = Peer.Start($"--ports {ports[0]} --address {Netns.ClientAddressFor(1)} --pattern {pattern} --fps 30 --timeout 2 --retries 30", lab.ServerNs(1));
            b = Peer.Start($"--ports {ports[1]} --address {Netns.ClientAddressFor(2)} --pattern {pattern} --fps 30 --timeout 2 --retries 30", lab.ServerNs(2));
            await client.WaitForLineAsync(l => IsEvent(l, ports[0], "Streaming"), TimeSpan.FromSeconds(40));
            await client.WaitForLineAsync(l => IsEvent(l, ports[1], "Streaming"), TimeSpan.FromSeconds(40));

            var skip = client.Lines.Count;
            lab.SetServerLink(1, up: false);
            // From the moment ip has taken the link down (its start-up under load is no part of the bound).
            var downAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var lost = await client.WaitForLineAsync(l => IsEvent(l, ports[0], "Lost"), TimeSpan.FromSeconds(20), skip);
            var seconds = (TimeOf(lost) - downAt) / 1000.0;
            output.WriteLine($"{pattern} {transport} client: link down -> Lost after {seconds:0.000} s");
            Assert.True(seconds <= BoundSeconds, $"server behind the cut link became Lost after {seconds:0.00} s; bound {BoundSeconds:0.0} s (default heartbeat interval 1 s + timeout 1.25 s + lost grace 0.5 s, 0.25 s margin)");
            Assert.DoesNotContain(client.Lines.Skip(skip), l => IsEvent(l, ports[1], "Lost"));

            skip = client.Lines.Count;
            lab.SetServerLink(1, up: true);
            await client.WaitForLineAsync(l => IsEvent(l, ports[0], "Streaming"), TimeSpan.FromSeconds(30), skip);
            Assert.False(a.HasExited, "server A gave up:\n" + a.Tail());
            Assert.False(b.HasExited, "server B gave up:\n" + b.Tail());
        }
        finally
        {
            a?.Dispose();
            b?.Dispose();
            client?.Dispose();
            lab?.Dispose();
        }
    }

    private static bool IsEvent(string line, int port, string state)
    {
        var f = line.Split(' ');
        return f.Length == 5 && f[0] == "EVENT" && f[2] == port.ToString() && f[4] == state;
    }

    private static long TimeOf(string line) => long.Parse(line.Split(' ')[1]);
}
