using NetGearSharp.Client;

using static NetGearSharp.Tests.Support.ReqMessages;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// A client with Request/Reply JPEG servers that stream, encoding each frame as soon as they are answered (an in-memory
/// transport plays them): servers on this machine are answered only while local codec work has room, so no more of
/// them encode at once than the limit; servers elsewhere are answered at once. The client's idle gap is lengthened to
/// 2 s, so that a test machine that stalls its timers cannot make a server look paced (one whose frame comes 10 ms or
/// more after its answer is not held: it encodes just before it sends).
/// </summary>
public sealed class LocalJpegServersTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly int[] Ports = [6101, 6102, 6103, 6104, 6105, 6106, 6107, 6108];
    private const int Processors = 1; // a limit of 3 codec jobs
    private const int FramesEach = 6;
    private static readonly TimeSpan Encode = TimeSpan.FromMilliseconds(30);

    [Theory(Timeout = 120_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task No_more_local_servers_encode_at_once_than_the_limit_while_servers_elsewhere_all_do(bool onThisMachine)
    {
        var transport = new InMemoryTransport { WakeUps = true };
        var options = new NetGearClientOptions { Ports = Ports, CustomTransport = transport, AutoExit = false, JpegDecodeThreads = 2 };
        await using var client = new NetGearClient(ClientSettings.From(options, Processors) with { GrantIdleGap = TimeSpan.FromSeconds(2) });
        var socket = Assert.Single(transport.Sockets);
        foreach (var port in Ports) socket.Accept(port, onThisMachine);
        Assert.True(SpinWait.SpinUntil(() => Ports.All(p => client.GetServer(p)!.Connections == 1), Wait), "the connections were not seen");

        var pictures = Ports.ToDictionary(p => p, p => Enumerable.Range(0, FramesEach).Select(n => JpegFrame(p, n, 64, 48)).ToArray());
        var sent = Ports.ToDictionary(p => p, _ => 1);
        var gate = new object();
        var encoding = 0;
        var mostEncoding = 0;
        // Every server's first frame comes unasked, all at once, and its answer goes out at once: the client cannot know
        // yet that the server streams. Counted from when those first encodes are over.
        var firstEncodesLeft = Ports.Length;
        // The servers' encodes, each due Encode after its answer: sent by one thread of the test's own, not by thread-pool
        // timers: the test host (vstest and xunit) blocks two of the pool's first three threads, so until the pool adds
        // threads such timers ran up to 850 ms late, past the client's grant lapse, with no client in the process at all.
        var due = new PriorityQueue<(byte[][] Frame, bool First), long>();
        socket.Sent += reply =>
        {
            // An answer: its server encodes its next frame and sends it, as a REQ server would.
            var port = PortOf(reply);
            lock (gate)
            {
                if (sent[port] == FramesEach) return;
                var first = sent[port] == 1;
                due.Enqueue((pictures[port][sent[port]++], first), Environment.TickCount64 + (long)Encode.TotalMilliseconds);
                encoding++;
                if (firstEncodesLeft == 0) mostEncoding = Math.Max(mostEncoding, encoding);
            }
        };
        using var stop = new CancellationTokenSource();
        var servers = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[][]? next = null;
                lock (gate)
                {
                    if (due.TryPeek(out var encoded, out var at) && at <= Environment.TickCount64)
                    {
                        due.Dequeue();
                        encoding--;
                        if (encoded.First) firstEncodesLeft--;
                        next = encoded.Frame;
                    }
                }
                if (next is not null) socket.Deliver(next);
                else Thread.Sleep(1);
            }
        }) { IsBackground = true, Name = "test servers" };
        servers.Start();
        try
        {
            foreach (var port in Ports) socket.Deliver(pictures[port][0]);
            for (var i = 0; i < Ports.Length * FramesEach; i++)
            {
                using var packet = await client.ReceiveAsync(Wait);
                Assert.NotNull(packet);
            }
        }
        finally
        {
            await stop.CancelAsync();
            servers.Join(Wait);
        }

        var limit = ClientSettings.LocalCodecJobs(Processors);
        if (onThisMachine) Assert.InRange(mostEncoding, 1, limit);
        else Assert.True(mostEncoding > limit, $"servers elsewhere encoded at most {mostEncoding} at once, within the local limit of {limit}");
    }
}
