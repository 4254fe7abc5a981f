using NetGearSharp.Reliability.Tests.Support;

namespace NetGearSharp.Reliability.Tests;

/// <summary>
/// Silent link cuts: the client and two servers each in a network namespace made by the test, joined by veth pairs.
/// Taking a server's interface down closes nothing (no FIN, no RST): only heartbeats can tell.
/// </summary>
public class LinkCutTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LostAfter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1.5);

    [NetnsFact(Timeout = 150_000)]
    public Task ReqRep_LinkDownIsLostWithinHeartbeatTimeout_LinkUpStreamsAgain() => Run("reqrep");

    [NetnsFact(Timeout = 150_000)]
    public Task PubSub_LinkDownIsLostWithinHeartbeatTimeout_LinkUpStreamsAgain() => Run("pubsub");

    private async Task Run(string pattern)
    {
        var ports = FreePorts.Take(2);
        Netns? lab = null;
        Peer? client = null, a = null, b = null;
        try
        {
            lab = Netns.Create(servers: 2);
            client = Peer.Start($"--role client --ports {ports[0]},{ports[1]} --address * --pattern {pattern} --transport native --heartbeat 1 --heartbeat-timeout 3", lab.ClientNs);
            await client.WaitForLineAsync(l => l.StartsWith("READY"), TimeSpan.FromSeconds(30));
            // Servers retry for long enough to outlive the cut (Request/Reply: 2 s timeout, 30 retries).
            a = Peer.Start($"--ports {ports[0]} --address {Netns.ClientAddressFor(1)} --pattern {pattern} --fps 30 --timeout 2 --retries 30", lab.ServerNs(1));
            b = Peer.Start($"--ports {ports[1]} --address {Netns.ClientAddressFor(2)} --pattern {pattern} --fps 30 --timeout 2 --retries 30", lab.ServerNs(2));
            await client.WaitForLineAsync(l => IsEvent(l, ports[0], "Streaming"), TimeSpan.FromSeconds(40));
            await client.WaitForLineAsync(l => IsEvent(l, ports[1], "Streaming"), TimeSpan.FromSeconds(40));

            var skip = client.Lines.Count;
            var downAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            lab.SetServerLink(1, up: false);
            var lost = await client.WaitForLineAsync(l => IsEvent(l, ports[0], "Lost"), TimeSpan.FromSeconds(20), skip);
            var seconds = (TimeOf(lost) - downAt) / 1000.0;
            output.WriteLine($"link down -> Lost after {seconds:0.000} s");
            var bound = (HeartbeatTimeout + HeartbeatInterval + LostAfter + Margin).TotalSeconds;
            Assert.True(seconds <= bound, $"server behind the cut link became Lost after {seconds:0.00} s; bound {bound:0.0} s (heartbeat timeout + interval + lost grace + margin)");
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
