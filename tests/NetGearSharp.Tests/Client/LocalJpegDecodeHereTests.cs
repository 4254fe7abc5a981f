using NetGearSharp.Tests.Support;

using static NetGearSharp.Tests.Support.ReqMessages;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// Where a streaming Request/Reply JPEG server's frame decodes (an in-memory transport plays the servers, each
/// encoding its next frame for a while once answered: <see cref="StreamingJpegServers"/>): on the receive thread,
/// answered once delivered, when the other local servers' encodes leave one processor (two local servers on two
/// processors), and the application's reader woken for it only after the answer; on a decode worker, answered while it
/// decodes, otherwise (one server, servers elsewhere, more processors). Seen from the outside: whether a server's answer
/// goes out before or after the frame it answers is delivered, and before or after the reader is woken for it.
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
    public async Task Frames_decode_on_the_receive_thread_only_when_the_other_local_encodes_leave_one_processor(
        int serverCount, int processors, bool onThisMachine, bool decodedHere)
    {
        var ports = Enumerable.Range(6201, serverCount).ToArray();
        await using var servers = StreamingJpegServers.Start(ports, processors, onThisMachine, FramesEach);
        var gate = new object();
        var answers = ports.ToDictionary(p => p, _ => 0);
        var (answeredBefore, answeredAfter, readerWokenFirst) = (0, 0, 0);
        servers.Socket.Sent += reply =>
        {
            // Raised on the client's thread as the answer goes out: was the frame it answers delivered already, and was
            // the application's reader woken for it already? Every delivered frame wakes the reader once, so a wake-up
            // still to come shows as fewer wake-ups than frames delivered.
            var port = PortOf(reply);
            var delivered = servers.Client.GetServer(port)!.Frames;
            var readerWoken = servers.Client.ReaderWakes >= ports.Sum(p => servers.Client.GetServer(p)!.Frames);
            lock (gate)
            {
                var answered = ++answers[port]; // the answer to the server's frame number `answered` (from 1)
                // The first two frames of each server are left out (the first comes unasked, and the second's grant is
                // the first that says the server streams), and so is the last (the test may end before its answer).
                if (answered > 2 && answered < FramesEach)
                {
                    _ = delivered >= answered ? answeredAfter++ : answeredBefore++;
                    if (delivered >= answered && readerWoken) readerWokenFirst++;
                }
                if (answered < FramesEach) servers.EncodeThenSend(servers.Frame(port, answered), Encode);
            }
        };
        servers.SendFirstFrames();
        await servers.ReceiveAsync(serverCount * FramesEach);

        lock (gate)
        {
            // Decoded here, the reader is woken only after the answer went out (ReceiveLoop.Deliver).
            if (decodedHere) Assert.Equal((0, serverCount * (FramesEach - 3), 0), (answeredBefore, answeredAfter, readerWokenFirst));
            else Assert.True(answeredBefore > 0, $"every answer went out after its frame was delivered ({answeredAfter}): decoded on the receive thread");
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
}
