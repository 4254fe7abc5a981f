using NetGearSharp.Tests.Support;

using static NetGearSharp.Tests.Support.ReqMessages;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// Where a streaming Request/Reply JPEG server's frame decodes (an in-memory transport plays the servers, each
/// encoding its next frame for a while once answered: <see cref="StreamingJpegServers"/>): on the receive thread when
/// the other local servers' encodes leave one processor (two local servers on two processors), answered before it
/// decodes there and the application's reader woken for it after the decode; on a decode worker otherwise (one server,
/// servers elsewhere, more processors), answered while it decodes when a worker is idle. Seen from the outside: whether
/// a server's answer goes out before or after the frame it answers is delivered, and whether the receive thread gives
/// its processor away after waking the reader (it does only for frames it decoded itself).
/// </summary>
public sealed class LocalJpegDecodeHereTests
{
    private static readonly TimeSpan Encode = TimeSpan.FromMilliseconds(30);
    private const int FramesEach = 8;

    /// <summary>Servers, the machine's processors, whether the servers are on it, and whether their frames decode here.</summary>
    public static TheoryData<int, int, bool, bool> Cases => new()
    {
        { 2, 2, true, true },
        { 1, 2, true, false }, // nothing else encodes: answered ahead, so the server encodes while its frame decodes
        { 2, 2, false, false }, // servers elsewhere encode on their own processors
        { 2, 4, true, false }, // one encode leaves three processors: the workers decode
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task A_streaming_local_servers_frame_is_answered_before_it_is_delivered_wherever_it_decodes(
        int serverCount, int processors, bool onThisMachine, bool decodedHere)
    {
        var ports = Enumerable.Range(6201, serverCount).ToArray();
        await using var servers = StreamingJpegServers.Start(ports, processors, onThisMachine, FramesEach);
        var gate = new object();
        var answers = ports.ToDictionary(p => p, _ => 0);
        var (answeredBefore, answeredAfter) = (0, 0);
        servers.Socket.Sent += reply =>
        {
            // Raised on the client's thread as the answer goes out: was the frame it answers delivered already?
            var port = PortOf(reply);
            var delivered = servers.Client.GetServer(port)!.Frames;
            lock (gate)
            {
                var answered = ++answers[port]; // the answer to the server's frame number `answered` (from 1)
                // The first two frames of each server are left out (the first comes unasked, and the second's grant is
                // the first that says the server streams), and so is the last (the test may end before its answer).
                if (answered > 2 && answered < FramesEach) _ = delivered >= answered ? answeredAfter++ : answeredBefore++;
                if (answered < FramesEach) servers.EncodeThenSend(servers.Frame(port, answered), Encode);
            }
        };
        servers.SendFirstFrames();
        await servers.ReceiveAsync(serverCount * FramesEach);

        lock (gate)
        {
            // Decoded here, every frame is answered before it decodes (ReceiveLoop.ReceiveOne), so its server encodes
            // meanwhile; on the workers, frames are answered as a worker takes them while one is idle.
            if (decodedHere) Assert.Equal((serverCount * (FramesEach - 3), 0), (answeredBefore, answeredAfter));
            else Assert.True(answeredBefore > 0, $"every answer went out after its frame was delivered ({answeredAfter})");
        }
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Cases))]
    public async Task The_receive_thread_gives_its_processor_away_after_waking_the_reader_only_for_frames_decoded_on_it(
        int serverCount, int processors, bool onThisMachine, bool decodedHere)
    {
        var ports = Enumerable.Range(6201, serverCount).ToArray();
        await using var servers = StreamingJpegServers.Start(ports, processors, onThisMachine, FramesEach);
        var gate = new object();
        var answers = ports.ToDictionary(p => p, _ => 0);
        servers.Socket.Sent += reply =>
        {
            var port = PortOf(reply);
            lock (gate)
            {
                if (++answers[port] < FramesEach) servers.EncodeThenSend(servers.Frame(port, answers[port]), Encode);
            }
        };
        servers.SendFirstFrames();
        // Nobody reads until every frame is in, so each frame is still waiting after its reader's wake-up.
        var total = serverCount * FramesEach;
        Assert.True(SpinWait.SpinUntil(() => ports.Sum(p => servers.Client.GetServer(p)!.Frames) == total, TimeSpan.FromSeconds(60)),
            "not every frame was delivered");

        var yields = servers.Client.ReceiveThreadYields;
        // Frames 3 to 7 of each server decode here, as in the test above (the first two go to the workers). So may one
        // last frame: with nobody reading, a server whose queue holds all its frames is not answered for its last one,
        // so it no longer counts as encoding when the other server's last frame arrives.
        if (decodedHere) Assert.InRange(yields, serverCount * (FramesEach - 3), total);
        else Assert.Equal(0, yields);
        await servers.ReceiveAsync(total);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_frame_answered_before_it_decodes_here_counts_in_its_servers_queue_so_a_full_queue_holds_the_answer()
    {
        // Two local servers on two processors (their frames from the third on decode here), 4 frames queued per server,
        // and nobody reads: each server is answered until its queue is full, and not for one frame more.
        const int capacity = 4;
        var ports = Enumerable.Range(6201, 2).ToArray();
        await using var servers = StreamingJpegServers.Start(ports, processors: 2, onThisMachine: true, FramesEach, capacity);
        var gate = new object();
        var answers = ports.ToDictionary(p => p, _ => 0);
        servers.Socket.Sent += reply =>
        {
            var port = PortOf(reply);
            lock (gate)
            {
                if (++answers[port] < FramesEach) servers.EncodeThenSend(servers.Frame(port, answers[port]), Encode);
            }
        };
        servers.SendFirstFrames();
        Assert.True(SpinWait.SpinUntil(() => ports.All(p => servers.Client.GetServer(p)!.Frames >= capacity), TimeSpan.FromSeconds(60)),
            "the queues did not fill");
        // A frame answered for past the queue's room would arrive one encode later.
        await Task.Delay(Encode * 10);

        Assert.True(servers.Client.ReceiveThreadYields > 0, "no frame decoded on the receive thread");
        Assert.All(ports, p => Assert.Equal((capacity, 0L), (servers.Client.GetServer(p)!.Frames, servers.Client.GetServer(p)!.Dropped)));
        await servers.ReceiveAsync(2 * capacity);
    }
}
