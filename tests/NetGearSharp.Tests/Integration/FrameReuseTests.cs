using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// Acknowledged servers lend large payloads to the transport instead of copying them (native transport): once
/// <c>Send</c> returns, the caller may overwrite the frame, and nothing of the next picture may leak into the last.
/// </summary>
[Collection(ProcessWideCounters.Name)]
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

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task ReceivedFramesKeptWhileMoreArriveStayIntact(TransportKind transport)
    {
        // With the native transport a large raw frame is the received message itself (not a copy): holding many of
        // them while the client keeps receiving, and disposing them on another thread, must be safe.
        const int frames = 24;
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Transport = transport, QueueCapacity = frames,
        });
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Transport = transport });
            using var frame = Frame.Allocate(ElementType.UInt16, 240, 320, 3); // 460,800 bytes
            for (var n = 0; n < frames; n++)
            {
                frame.AsSpan<ushort>().Fill((ushort)(1000 + n));
                server.Send(frame, n);
            }
        }, TaskCreationOptions.LongRunning);

        var kept = new List<NetGearPacket>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        await foreach (var packet in client.ReadAllAsync(cts.Token)) kept.Add(packet);
        await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(frames, kept.Count);
        for (var n = 0; n < frames; n++)
        {
            Assert.Equal(n, kept[n].GetMessage<int>());
            Assert.True(kept[n].Frame.AsSpan<ushort>().IndexOfAnyExcept((ushort)(1000 + n)) < 0, $"frame {n} changed while later ones arrived");
            using var pin = kept[n].Frame.Memory.Pin(); // what the OpenCV bridge does for a zero-copy Mat
            unsafe { Assert.Equal((ushort)(1000 + n), *(ushort*)pin.Pointer); }
        }
        await Task.Run(() => kept.ForEach(p => p.Dispose()));
        Assert.Throws<ObjectDisposedException>(() => kept[0].Frame.Data.Length);
    }

    [Fact(Timeout = 90_000)]
    public async Task FramesNeverDisposedStayCorrectAndHoldAtMostTheCapOfLibzmqMemory()
    {
        // 300 frames of 1 MiB, none disposed until the end: past 256 MiB the client copies instead of taking over.
        const int frames = 300;
        var port = FreePorts.One();
        await using var client = new NetGearClient(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = [port], Transport = TransportKind.Native, QueueCapacity = frames,
        });
        var sending = Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, Transport = TransportKind.Native });
            using var frame = Frame.Allocate(ElementType.UInt8, 1024, 1024);
            for (var n = 0; n < frames; n++)
            {
                frame.Data.Fill((byte)n);
                server.Send(frame, n);
            }
        }, TaskCreationOptions.LongRunning);

        var kept = new List<NetGearPacket>();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await foreach (var packet in client.ReadAllAsync(cts.Token))
            {
                kept.Add(packet);
                Assert.True(NetGearSharp.Transport.Native.ZmqPartOwner.LiveBytes <= NetGearSharp.Transport.Native.ZmqPartOwner.LiveLimitBytes);
            }
            await sending.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(frames, kept.Count);
            for (var n = 0; n < frames; n++)
                Assert.True(kept[n].Frame.Data.IndexOfAnyExcept((byte)n) < 0, $"frame {n} is not what was sent");
        }
        finally
        {
            kept.ForEach(p => p.Dispose());
        }
    }
}
