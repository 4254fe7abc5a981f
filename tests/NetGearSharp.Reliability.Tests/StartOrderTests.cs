using NetGearSharp.Reliability.Tests.Support;

namespace NetGearSharp.Reliability.Tests;

/// <summary>Any start order works: the client 20 s before its servers, or the servers 20 s before their client.</summary>
public class StartOrderTests
{
    private static readonly TimeSpan Head = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 120_000)]
    public async Task ClientStartedTwentySecondsBeforeItsServers()
    {
        var req = FreePorts.Take(2);
        var pub = FreePorts.Take(2);
        Peer? reqPeer = null, pubPeer = null;
        await using var reqClient = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = req, WaitForAllServers = true });
        await using var pubClient = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = pub, Pattern = NetGearPattern.PubSub });
        try
        {
            await Task.Delay(Head);
            Assert.False(reqClient.Client.Completion.IsCompleted, "the Request/Reply client gave up waiting");
            Assert.False(pubClient.Client.Completion.IsCompleted, "the Publish/Subscribe client gave up waiting");
            Assert.All(reqClient.Client.Servers.Concat(pubClient.Client.Servers), s => Assert.Equal(ServerState.Waiting, s.State));

            reqPeer = Peer.Start($"--ports {req[0]},{req[1]} --pattern reqrep --frames 30 --fps 60");
            pubPeer = Peer.Start($"--ports {pub[0]},{pub[1]} --pattern pubsub --fps 30");
            await pubClient.WaitForFramesAsync(pub, 10, TimeSpan.FromSeconds(40));
            await reqClient.Reader.WaitAsync(TimeSpan.FromSeconds(40)); // ends by itself once both said goodbye
            foreach (var port in req) Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), reqClient.Sequence(port));
        }
        finally
        {
            reqPeer?.Dispose();
            pubPeer?.Dispose();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task ServersStartedTwentySecondsBeforeTheirClient()
    {
        var req = FreePorts.Take(2);
        var pub = FreePorts.Take(2);
        Peer? reqPeer = null, pubPeer = null;
        Recorder? reqClient = null, pubClient = null;
        try
        {
            reqPeer = Peer.Start($"--ports {req[0]},{req[1]} --pattern reqrep --frames 30 --fps 60");
            pubPeer = Peer.Start($"--ports {pub[0]},{pub[1]} --pattern pubsub --fps 30");
            await Task.Delay(Head);
            Assert.False(reqPeer.HasExited, "Request/Reply servers gave up waiting for their client:\n" + reqPeer.Tail());
            Assert.False(pubPeer.HasExited, "Publish/Subscribe servers exited:\n" + pubPeer.Tail());

            // Both ports are expected: without WaitForAllServers (VidGear's rule) a server that is still in its reconnect
            // back-off when the other has sent its 30 frames and said goodbye would be left out (seen in CI under load).
            reqClient = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = req, WaitForAllServers = true });
            pubClient = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = pub, Pattern = NetGearPattern.PubSub });
            await pubClient.WaitForFramesAsync(pub, 10, TimeSpan.FromSeconds(40));
            await reqClient.Reader.WaitAsync(TimeSpan.FromSeconds(40));
            // Request/Reply: the frames sent before the client existed are delivered, from the very first one, in order.
            foreach (var port in req) Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), reqClient.Sequence(port));
            await reqPeer.WaitForLineAsync(l => l.StartsWith("GOODBYE"), TimeSpan.FromSeconds(10));
        }
        finally
        {
            reqPeer?.Dispose();
            pubPeer?.Dispose();
            if (reqClient is not null) await reqClient.DisposeAsync();
            if (pubClient is not null) await pubClient.DisposeAsync();
        }
    }
}
