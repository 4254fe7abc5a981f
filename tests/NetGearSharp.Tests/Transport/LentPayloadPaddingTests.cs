using NetGearSharp.Tests.Support;
using NetGearSharp.TestSupport;
using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// A native server lends its frame to libzmq; where the frame's address and the bytes before it would put the kernel's
/// copy at a slow distance (<see cref="NetGearSharp.Transport.Native.CopyAlignment"/>), the header goes with a few
/// spaces after it: on the wire to a bare REP peer, and read back by our client on both transports.
/// </summary>
public class LentPayloadPaddingTests
{
    private const string Message = "padded";
    private const string Ack = "Data received on device: ABCD1234 !";
    private static readonly int[] Shape = [480, 640, 3];

    [Fact(Timeout = 30_000)]
    public async Task AFrameAtASlowAddressGoesWithSpacesAfterItsHeaderAndOneElsewhereWithout()
    {
        var port = FreePorts.One();
        var header = PlacedFrames.Header(port, NetGearPattern.ReqRep, Message, ElementType.UInt8, Shape);
        using var numbered = TestFrames.Numbered(0, 1, Shape[0], Shape[1], Shape[2]);
        var pixels = numbered.Data.ToArray();
        using var atSlow = PlacedFrames.Create(pixels, ElementType.UInt8, Shape, PlacedFrames.SlowPageOffset(header.Length, pixels.Length, delimiter: true));
        using var aligned = PlacedFrames.Create(pixels, ElementType.UInt8, Shape, pageOffset: 0);
        Assert.True(PlacedFrames.IsSlow(Distance(atSlow, header.Length)));
        Assert.False(PlacedFrames.IsSlow(Distance(aligned, header.Length)));

        using var rep = new ResponseSocket();
        rep.Options.Linger = TimeSpan.Zero;
        rep.Bind($"tcp://127.0.0.1:{port}");
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Transport = TransportKind.Native });
            server.Send(atSlow, Message);
            server.Send(aligned, Message);
            return server.Close();
        }, TaskCreationOptions.LongRunning);

        var padded = Receive(rep);
        var spaces = padded[0].Length - header.Length;
        Assert.InRange(spaces, 1, 31);
        Assert.Equal(header, padded[0][..header.Length]);
        Assert.All(padded[0][header.Length..], b => Assert.Equal((byte)' ', b));
        Assert.False(PlacedFrames.IsSlow(Distance(atSlow, padded[0].Length)));
        Assert.Equal(pixels, padded[1]);
        rep.SendFrame(Ack);

        var plain = Receive(rep);
        Assert.Equal(header, plain[0]); // no spaces where the copy is not slow: the header is byte for byte as always
        Assert.Equal(pixels, plain[1]);
        rep.SendFrame(Ack);

        Assert.True(rep.TryReceiveFrameBytes(TimeSpan.FromSeconds(10), out _)); // the goodbye
        rep.SendFrame("Termination signal successfully received at client!");
        Assert.True(await sending.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(TransportKind.Native)]
    [InlineData(TransportKind.NetMq)]
    public async Task OurClientReadsFramesWhoseHeadersEndInSpaces(TransportKind clientTransport)
    {
        const int frames = 4;
        var port = FreePorts.One();
        var header = PlacedFrames.Header(port, NetGearPattern.ReqRep, Message, ElementType.UInt8, Shape);
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Pattern = NetGearPattern.ReqRep, Transport = clientTransport,
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Transport = TransportKind.Native });
            for (var n = 0; n < frames; n++)
            {
                using var numbered = TestFrames.Numbered(0, n, Shape[0], Shape[1], Shape[2]);
                using var frame = PlacedFrames.Create(numbered.Data, ElementType.UInt8, Shape, PlacedFrames.SlowPageOffset(header.Length, numbered.Length, delimiter: true));
                server.Send(frame, Message, cts.Token);
            }
            return server.Close();
        }, TaskCreationOptions.LongRunning);

        var received = 0;
        await foreach (var packet in client.ReadAllAsync(cts.Token))
        {
            using (packet)
            {
                Assert.Equal(Message, packet.GetMessage<string>());
                Assert.True(TestFrames.MatchesNumbered(packet.Frame, 0, received), $"frame {received} has the wrong bytes");
                received++;
            }
        }
        Assert.Equal(frames, received);
        // The sender ends without an error. Whether the client's answer to its goodbye came within the server's 0.8 s
        // is not this test's subject: with the wire hooks installed in this process (WriteMarkingTests, WireHooksTests)
        // a NetMQ client's answer is missed about once in 300 runs, a known issue not yet explained (reliability.md).
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static int Distance(Frame frame, int jsonLength) => PlacedFrames.Distance(PlacedFrames.Address(frame), frame.Length, jsonLength, delimiter: true);

    private static List<byte[]> Receive(ResponseSocket rep)
    {
        var parts = new List<byte[]>();
        Assert.True(rep.TryReceiveMultipartBytes(TimeSpan.FromSeconds(10), ref parts!));
        Assert.Equal(2, parts!.Count);
        return parts;
    }
}
