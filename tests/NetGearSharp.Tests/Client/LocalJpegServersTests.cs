using NetGearSharp.Client;
using NetGearSharp.Tests.Support;

using static NetGearSharp.Tests.Support.ReqMessages;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// A client with Request/Reply JPEG servers that stream, encoding each frame as soon as they are answered (an in-memory
/// transport plays them: <see cref="StreamingJpegServers"/>): servers on this machine are answered only while local
/// codec work has room, so no more of them encode at once than the limit; servers elsewhere are answered at once.
/// </summary>
public sealed class LocalJpegServersTests
{
    private static readonly int[] Ports = [6101, 6102, 6103, 6104, 6105, 6106, 6107, 6108];
    private const int Processors = 1; // a limit of 3 codec jobs
    private const int FramesEach = 6;
    private static readonly TimeSpan Encode = TimeSpan.FromMilliseconds(30);

    [Theory(Timeout = 120_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task No_more_local_servers_encode_at_once_than_the_limit_while_servers_elsewhere_all_do(bool onThisMachine)
    {
        await using var servers = StreamingJpegServers.Start(Ports, Processors, onThisMachine, FramesEach);
        var sent = Ports.ToDictionary(p => p, _ => 1);
        var gate = new object();
        var encoding = 0;
        var mostEncoding = 0;
        // Every server's first frame comes unasked, all at once, and its answer goes out at once: the client cannot know
        // yet that the server streams. Counted from when those first encodes are over.
        var firstEncodesLeft = Ports.Length;
        servers.Socket.Sent += reply =>
        {
            // An answer: its server encodes its next frame and sends it, as a REQ server would.
            var port = PortOf(reply);
            lock (gate)
            {
                if (sent[port] == FramesEach) return;
                var first = sent[port] == 1;
                servers.EncodeThenSend(servers.Frame(port, sent[port]++), Encode, () =>
                {
                    lock (gate)
                    {
                        encoding--;
                        if (first) firstEncodesLeft--;
                    }
                });
                encoding++;
                if (firstEncodesLeft == 0) mostEncoding = Math.Max(mostEncoding, encoding);
            }
        };
        servers.SendFirstFrames();
        await servers.ReceiveAsync(Ports.Length * FramesEach);

        var limit = ClientSettings.LocalCodecJobs(Processors);
        lock (gate)
        {
            if (onThisMachine) Assert.InRange(mostEncoding, 1, limit);
            else Assert.True(mostEncoding > limit, $"servers elsewhere encoded at most {mostEncoding} at once, within the local limit of {limit}");
        }
    }
}
