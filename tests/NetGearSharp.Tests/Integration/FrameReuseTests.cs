using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// Acknowledged servers lend large payloads to the transport instead of copying them (native transport): once
/// <c>Send</c> returns, the caller may overwrite the frame, and nothing of the next picture may leak into the last.
/// </summary>
public class FrameReuseTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var transport in TestTransports.Kinds)
        {
            yield return [transport, NetGearPattern.ReqRep, true];
            yield return [transport, NetGearPattern.Pair, false];
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task AFrameOverwrittenAfterEverySendArrivesAsItWasWhenSent(TransportKind transport, NetGearPattern pattern, bool multiServer)
    {
        const int frames = 40;
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Pattern = pattern, MultiServerMode = multiServer, Transport = transport,
        });
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1", Port = port, Pattern = pattern, MultiServerMode = multiServer, Transport = transport,
                RequestTimeout = TimeSpan.FromSeconds(10),
            });
            using var frame = Frame.Allocate(ElementType.UInt8, 480, 640, 3); // 921,600 bytes: lent, not copied
            for (var n = 0; n < frames; n++)
            {
                frame.Data.Fill((byte)n);
                server.Send(frame, n);
                frame.Data.Fill(0xFF); // scribble over it at once
            }
        }, TaskCreationOptions.LongRunning);

        var seen = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        await foreach (var packet in client.ReadAllAsync(cts.Token))
        {
            using (packet)
            {
                var n = packet.GetMessage<int>();
                Assert.Equal(seen, n);
                Assert.True(packet.Frame.Data.IndexOfAnyExcept((byte)n) < 0, $"frame {n} was changed after it was sent");
                seen++;
            }
        }
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(frames, seen);
    }
}
