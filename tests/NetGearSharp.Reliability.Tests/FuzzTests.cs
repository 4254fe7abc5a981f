using NetGearSharp.Reliability.Tests.Fuzzing;
using NetGearSharp.Reliability.Tests.Support;
using SocketKind = NetGearSharp.Transport.SocketKind;
using SocketSpec = NetGearSharp.Transport.SocketSpec;
using NetMQ;
using NetMQ.Sockets;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests;

/// <summary>Hostile input on the client's ports while good servers stream.</summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int DealerMessages = 10_000;
    private const int ReqMessages = 500;
    private const int FramesPerGoodServer = 1_500;

    /// <summary>
    /// Runs without and with ZMTP heartbeats. Heartbeats run where they are safe by default: on a native (libzmq)
    /// client. A NetMQ 4.0.4.5 client that heartbeats can slip its PING between the parts of a reply and break the
    /// connection under a burst (seen here: 741 of 10,500 bad messages lost), so NetMQ Request/Reply clients do not
    /// heartbeat by default. The good servers are NetMQ DEALERs framed as REQs (NetMQ's REQ loses messages when PINGs
    /// arrive).
    /// </summary>
    [Fact(Timeout = 180_000)]
    public Task TenThousandMalformedMessages_AllCounted_GoodReqRepServersLoseNothing() => Fuzz(heartbeats: false);

    [Fact(Timeout = 180_000)]
    public Task WithHeartbeats_GoodServersLoseNoReply() => Fuzz(heartbeats: true);

    private static NetGearClientOptions Options(bool heartbeats, params int[] ports) => new()
    {
        Address = "127.0.0.1", Ports = ports, AutoExit = false, HeartbeatInterval = heartbeats ? TimeSpan.FromSeconds(1) : TimeSpan.Zero, Transport = heartbeats ? TransportKind.Native : TransportKind.NetMq,
    };

    private async Task Fuzz(bool heartbeats)
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var ports = FreePorts.Take(4);
        int goodA = ports[0], goodB = ports[1], fuzzPort = ports[2], unlisted = ports[3];
        var vectors = WireVector.Load(RepoPaths.Shared("interop/vidgear-wire-vectors.json"));
        var corpus = new MalformedCorpus(seed, vectors, fuzzPort, unlisted);
        var recorder = new Recorder(Options(heartbeats, goodA, goodB, fuzzPort));
        GoodServers? good = null;
        try
        {
            good = new GoodServers([goodA, goodB], NetGearPattern.ReqRep, FramesPerGoodServer, TimeSpan.Zero, heartbeats: heartbeats);
            var categories = new Dictionary<string, int>();
            var sent = await Task.Factory.StartNew(() =>
            {
                var count = 0;
                // Two DEALERs: one on the spare port, one sharing a good server's port.
                using var spare = new DealerSocket();
                using var shared = new DealerSocket();
                spare.Options.Linger = shared.Options.Linger = TimeSpan.FromSeconds(5);
                spare.Connect($"tcp://127.0.0.1:{fuzzPort}");
                shared.Connect($"tcp://127.0.0.1:{goodA}");
                foreach (var bad in corpus.Take(DealerMessages))
                {
                    var socket = count % 2 == 0 ? spare : shared;
                    if (!bad.NoDelimiter) socket.SendMoreFrameEmpty();
                    for (var i = 0; i < bad.Parts.Length; i++) socket.SendFrame(bad.Parts[i], i < bad.Parts.Length - 1);
                    categories[bad.Category] = categories.GetValueOrDefault(bad.Category) + 1;
                    count++;
                    while (socket.TryReceiveFrameBytes(out _)) { } // drop the client's replies
                }
                // Closing a DEALER drops what it has not written within its linger: under load that was thousands of
                // messages. Wait until the client has counted every one (it counts each exactly once), then close.
                var flushed = DateTime.UtcNow + TimeSpan.FromSeconds(90);
                while (recorder.Client.Statistics.Malformed < count && DateTime.UtcNow < flushed)
                {
                    while (spare.TryReceiveFrameBytes(out _) || shared.TryReceiveFrameBytes(out _)) { }
                    Thread.Sleep(20);
                }
                Assert.True(recorder.Client.Statistics.Malformed >= count, $"the client counted {recorder.Client.Statistics.Malformed} of {count} bad messages within 90 s");
                spare.Dispose();
                shared.Dispose();
                // A REQ socket, like a confused VidGear server: every bad request must still get an answer. It is a
                // libzmq REQ, as pyzmq's is: NetMQ 4.0.4.5's REQ loses replies when the client's heartbeats arrive.
                using var req = NetGearSharp.Transport.Native.NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Req));
                req.Connect($"tcp://127.0.0.1:{fuzzPort}");
                foreach (var bad in corpus.Take(ReqMessages * 2).Where(m => !m.NoDelimiter).Take(ReqMessages))
                {
                    for (var i = 0; i < bad.Parts.Length; i++)
                        Assert.True(req.TrySend(bad.Parts[i], i < bad.Parts.Length - 1, TimeSpan.FromSeconds(10)), "could not send a bad request");
                    if (!req.TryReceive(TimeSpan.FromSeconds(10), out var replyBytes, out _))
                        throw new TimeoutException($"no reply to a bad request ({bad.Category}) within 10 s");
                    var reply = System.Text.Encoding.UTF8.GetString(replyBytes);
                    Assert.True(reply.StartsWith("Data received on device: ") || reply.StartsWith("Termination signal"), reply);
                    count++;
                }
                return count;
            }, TaskCreationOptions.LongRunning);
            Assert.Equal(DealerMessages + ReqMessages, sent);
            output.WriteLine(string.Join("\n", categories.OrderBy(c => c.Key).Select(c => $"{c.Value,6} {c.Key}")));

            Assert.True(good.Join(TimeSpan.FromSeconds(90)),
                $"the good servers did not finish: sent {string.Join(",", good.Sent)}; received {recorder.Count(goodA)}/{recorder.Count(goodB)}; {string.Join("; ", recorder.Client.Servers)}; {recorder.DescribeEvents()}; malformed {recorder.Client.Statistics.Malformed}");
            Assert.Empty(good.Errors);
            using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                while (recorder.Client.Statistics.Malformed < sent && !cts.IsCancellationRequested) await Task.Delay(50);
            }
            await Task.Delay(500); // nothing more may be counted
            var stats = recorder.Client.Statistics;
            output.WriteLine(string.Join("\n", stats.MalformedByKind.Select(k => $"{k.Value,6} {k.Key}")));
            Assert.True(recorder.Count(fuzzPort) == 0, $"{recorder.Count(fuzzPort)} bad messages were delivered as frames");
            Assert.Equal(sent, stats.Malformed);
            foreach (var kind in new[] { MalformedKind.WrongPartCount, MalformedKind.InvalidJson, MalformedKind.BadHeaderField, MalformedKind.UnknownElementType,
                         MalformedKind.BadShape, MalformedKind.SizeMismatch, MalformedKind.FrameTooLarge, MalformedKind.UnknownPort, MalformedKind.CorruptJpeg })
                Assert.True(stats.MalformedByKind.GetValueOrDefault(kind) > 0, $"no {kind} counted");

            // Every good frame arrived, in order, once.
            await recorder.WaitForFramesAsync([goodA, goodB], FramesPerGoodServer, TimeSpan.FromSeconds(30));
            var expected = Enumerable.Range(0, FramesPerGoodServer).Select(i => (long)i).ToArray();
            Assert.Equal(expected, recorder.Sequence(goodA));
            Assert.Equal(expected, recorder.Sequence(goodB));
            Assert.False(recorder.Client.Completion.IsCompleted, "the client stopped");
            Assert.Equal(ServerState.Terminated, recorder.Client.GetServer(goodA)!.State);
            Assert.Equal(ServerState.Terminated, recorder.Client.GetServer(goodB)!.State);
        }
        finally
        {
            good?.Dispose();
            await recorder.DisposeAsync();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task MalformedPublications_DoNotDisturbGoodPubSubServers()
    {
        var ports = FreePorts.Take(4);
        int goodA = ports[0], goodB = ports[1], fuzzPort = ports[2], unlisted = ports[3];
        var corpus = new MalformedCorpus(Environment.TickCount, WireVector.Load(RepoPaths.Shared("interop/vidgear-wire-vectors.json")), fuzzPort, unlisted);
        var recorder = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = [goodA, goodB, fuzzPort], Pattern = NetGearPattern.PubSub, AutoExit = false });
        GoodServers? good = null;
        try
        {
            good = new GoodServers([goodA, goodB], NetGearPattern.PubSub, -1, TimeSpan.FromMilliseconds(20));
            await recorder.WaitForFramesAsync([goodA, goodB], 5, TimeSpan.FromSeconds(30));
            var sent = await Task.Factory.StartNew(() =>
            {
                using var pub = new PublisherSocket();
                pub.Options.Linger = TimeSpan.FromSeconds(1);
                pub.Connect($"tcp://127.0.0.1:{fuzzPort}");
                Thread.Sleep(500); // let the subscription arrive
                var count = 0;
                foreach (var bad in corpus.Take(3000))
                {
                    for (var i = 0; i < bad.Parts.Length; i++) pub.SendFrame(bad.Parts[i], i < bad.Parts.Length - 1);
                    count++;
                    if (count % 20 == 0) Thread.Sleep(1);
                }
                return count;
            }, TaskCreationOptions.LongRunning);
            var before = (recorder.Count(goodA), recorder.Count(goodB));
            await recorder.WaitForFramesAsync([goodA, goodB], Math.Max(before.Item1, before.Item2) + 20, TimeSpan.FromSeconds(20));
            var stats = recorder.Client.Statistics;
            output.WriteLine($"sent {sent}, counted {stats.Malformed} (a SUB socket with a high-water mark of 1 may drop some before they are read)");
            Assert.InRange(stats.Malformed, 1, sent);
            foreach (var port in new[] { goodA, goodB })
            {
                var n = recorder.Sequence(port);
                Assert.True(n.Zip(n.Skip(1)).All(p => p.Second > p.First), $"port {port} out of order");
            }
            Assert.Empty(good.Errors);
            Assert.False(recorder.Client.Completion.IsCompleted);
        }
        finally
        {
            good?.Dispose();
            await recorder.DisposeAsync();
        }
    }
}
