using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// NetGearServer and NetGearClient over the native transport, and mixed with NetMQ: both speak the same ZMTP on
/// the wire, so every combination must interoperate.
/// </summary>
public class NativeEndToEndTests
{
    [Theory(Timeout = 60000), MemberData(nameof(TestTransports.Pairs), MemberType = typeof(TestTransports))]
    public async Task ReqRepEveryFrameArrivesInOrder(TransportKind serverTransport, TransportKind clientTransport)
    {
        const int servers = 4, frames = 25;
        var ports = FreePorts.Take(servers);
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = ports, Pattern = NetGearPattern.ReqRep, Transport = clientTransport, WaitForAllServers = true,
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var senders = ports.Select((port, index) => StartServer(port, index, NetGearPattern.ReqRep, serverTransport, frames, cts.Token)).ToArray();
        try
        {
            var next = ports.ToDictionary(p => p, _ => 0);
            await foreach (var packet in client.ReadAllAsync(cts.Token))
            {
                using (packet)
                {
                    var index = Array.IndexOf(ports, packet.Port);
                    var n = packet.GetMessage<int>();
                    Assert.Equal(next[packet.Port], n);
                    Assert.True(TestFrames.MatchesNumbered(packet.Frame, index, n), $"frame {n} of {packet.Port} has the wrong bytes");
                    next[packet.Port] = n + 1;
                }
            }
            Assert.All(next.Values, count => Assert.Equal(frames, count));
            Assert.Equal(ClientEndReason.AllServersGone, await client.Completion);
            Assert.All(client.Servers, s => Assert.Equal(ServerState.Terminated, s.State));
        }
        finally
        {
            await cts.CancelAsync();
            await Task.WhenAll(senders.Select(s => s.ContinueWith(_ => { })));
        }
        await Task.WhenAll(senders);
    }

    [Theory(Timeout = 60000), MemberData(nameof(TestTransports.Pairs), MemberType = typeof(TestTransports))]
    public async Task PubSubFramesFromEveryServerArrive(TransportKind serverTransport, TransportKind clientTransport)
    {
        const int servers = 3;
        var ports = FreePorts.Take(servers);
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = ports, Pattern = NetGearPattern.PubSub, Transport = clientTransport, WaitForAllServers = true,
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        // Publishers send until the client has seen every server, then say goodbye.
        var senders = ports.Select((port, index) => StartServer(port, index, NetGearPattern.PubSub, serverTransport, int.MaxValue, enough.Token, TimeSpan.FromMilliseconds(5))).ToArray();
        try
        {
            var seen = new HashSet<int>();
            await foreach (var packet in client.ReadAllAsync(cts.Token))
            {
                using (packet)
                {
                    var index = Array.IndexOf(ports, packet.Port);
                    Assert.True(TestFrames.MatchesNumbered(packet.Frame, index, packet.GetMessage<int>()));
                    if (seen.Add(packet.Port) && seen.Count == servers) await enough.CancelAsync();
                }
            }
            Assert.Equal(servers, seen.Count);
            Assert.Equal(ClientEndReason.AllServersGone, await client.Completion);
        }
        finally
        {
            await cts.CancelAsync();
            await Task.WhenAll(senders.Select(s => s.ContinueWith(_ => { })));
        }
    }

    [Fact(Timeout = 30000)]
    public async Task NativeClientSeesAServerThatVanishesAsLost()
    {
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Transport = TransportKind.Native,
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Transport = TransportKind.Native });
        try
        {
            using var frame = TestFrames.Numbered(0, 0);
            server.Send(frame, 0, cts.Token);
            using (var packet = await client.ReceiveAsync(TimeSpan.FromSeconds(10), cts.Token)) Assert.NotNull(packet);
        }
        finally
        {
            server.Abort();
        }
        Assert.Equal(ClientEndReason.AllServersGone, await client.Completion.WaitAsync(cts.Token));
        Assert.Equal(ServerState.Lost, client.Servers[0].State);
    }

    /// <summary>A server on its own thread (never a pool thread) sending numbered frames with the number as message, then closing.</summary>
    private static Task StartServer(int port, int index, NetGearPattern pattern, TransportKind transport, int frames, CancellationToken token, TimeSpan pause = default)
        => Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1", Port = port, Pattern = pattern, Transport = transport,
            });
            for (var n = 0; n < frames && !token.IsCancellationRequested; n++)
            {
                using var frame = TestFrames.Numbered(index, n);
                try
                {
                    server.Send(frame, n, token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                if (pause > TimeSpan.Zero) Thread.Sleep(pause);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
