using System.Diagnostics;
using NetGearSharp.Reliability.Tests.Support;

namespace NetGearSharp.Reliability.Tests;

/// <summary>The client goes away and comes back under running servers.</summary>
public class ClientRestartTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("reqrep", 0.5)]
    [InlineData("reqrep", 6)]   // longer than the servers' 4 s request timeout: they reconnect and resend
    [InlineData("pubsub", 0.5)]
    [InlineData("pubsub", 6)]
    public async Task ServersResumeAfterClientRestart(string pattern, double awaySeconds)
    {
        var ports = FreePorts.Take(2);
        var options = new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = ports, Pattern = ServerCrashTests.ParsePattern(pattern), AutoExit = false };
        Peer? peer = null;
        Recorder? first = null, second = null;
        try
        {
            peer = Peer.Start($"--ports {ports[0]},{ports[1]} --pattern {pattern} --fps 30");
            first = new Recorder(options);
            await first.WaitForFramesAsync(ports, 10, TimeSpan.FromSeconds(40));

            var disposing = Stopwatch.StartNew();
            await first.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            first = null;
            Assert.True(disposing.Elapsed < TimeSpan.FromSeconds(10));

            await Task.Delay(TimeSpan.FromSeconds(awaySeconds));
            second = new Recorder(options);
            // Request/Reply servers wait out their request timeout (4 s) before they resend; allow three of them.
            await second.WaitForFramesAsync(ports, 10, TimeSpan.FromSeconds(20));
            Assert.False(peer.HasExited, "the servers gave up:\n" + peer.Tail());
            Assert.DoesNotContain(peer.Lines, l => l.StartsWith("ERROR"));
            foreach (var port in ports)
            {
                var n = second.Sequence(port);
                Assert.True(n.Zip(n.Skip(1)).All(p => p.Second > p.First), $"port {port} went backwards after the restart: {string.Join(",", n)}");
            }
        }
        finally
        {
            peer?.Dispose();
            if (first is not null) await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task ReqRepServerGivesUpAfterItsRetriesWithAClearError()
    {
        var ports = FreePorts.Take(1);
        Peer? peer = null;
        Recorder? client = null;
        try
        {
            peer = Peer.Start($"--ports {ports[0]} --pattern reqrep --fps 30 --timeout 1 --retries 2");
            client = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = ports });
            await client.WaitForFramesAsync(ports, 5, TimeSpan.FromSeconds(40));
            await client.DisposeAsync();
            client = null;
            var gone = Stopwatch.StartNew();
            var error = await peer.WaitForLineAsync(l => l.StartsWith("ERROR"), TimeSpan.FromSeconds(20));
            Assert.Contains("did not reply 2 times in a row", error);
            Assert.Contains("max retries 2", error);
            Assert.True(gone.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {gone.Elapsed}");
            // Its only server gave up, so the process ends by itself, with the failure's exit code.
            Assert.True(await peer.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the server process went on after giving up:\n" + peer.Tail());
            Assert.Equal(1, peer.ExitCode);
        }
        finally
        {
            peer?.Dispose();
            if (client is not null) await client.DisposeAsync();
        }
    }

}
