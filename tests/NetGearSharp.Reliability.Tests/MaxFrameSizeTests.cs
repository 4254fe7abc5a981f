using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using NetGearSharp.Reliability.Tests.Support;
using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Reliability.Tests;

/// <summary>The maximum frame size: larger frames are dropped and counted before a frame is allocated for them.</summary>
public class MaxFrameSizeTests
{
    private const long Max = 100_000;

    [Fact(Timeout = 60_000)]
    public async Task LargerFramesAreCountedAsFrameTooLarge_SmallerOnesPass()
    {
        var ports = FreePorts.Take(1);
        var recorder = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = ports, MaxFrameBytes = Max, AutoExit = false });
        try
        {
            await Task.Factory.StartNew(() =>
            {
                using var server = new NetGearServer(new NetGearServerOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Port = ports[0] });
                using var small = Frame.Allocate(ElementType.UInt8, 100, 100, 3);  // 30,000 bytes
                using var large = Frame.Allocate(ElementType.UInt8, 200, 200, 3);  // 120,000 bytes > 100,000
                using var edge = Frame.Allocate(ElementType.UInt8, 100, 1000);     // exactly 100,000 bytes
                server.Send(small, new { n = 0 });
                server.Send(large, new { n = 1 }); // answered (the server goes on) but not delivered
                server.Send(edge, new { n = 2 });
                server.Send(large, new { n = 3 });
                server.Send(small, new { n = 4 });
            }, TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(30));

            await recorder.WaitForFramesAsync(ports, 3, TimeSpan.FromSeconds(10));
            await Task.Delay(300);
            Assert.Equal([0L, 2, 4], recorder.Sequence(ports[0]));
            var stats = recorder.Client.Statistics;
            Assert.Equal(2, stats.MalformedByKind.GetValueOrDefault(MalformedKind.FrameTooLarge));
            Assert.Equal(2, recorder.Client.GetServer(ports[0])!.Malformed);
        }
        finally
        {
            await recorder.DisposeAsync();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task DeclaredShapeLargerThanTheMaximumIsRejectedBeforeAnythingIsAllocated()
    {
        var ports = FreePorts.Take(1);
        var recorder = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = ports, MaxFrameBytes = Max, AutoExit = false });
        try
        {
            var header = Encoding.UTF8.GetBytes($"{{\"port\": \"{ports[0]}\", \"terminate_flag\": false, \"compression\": false, \"message\": null, \"pattern\": \"1\", \"dtype\": \"uint8\", \"shape\": [1073741824, 2]}}");
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            await Task.Factory.StartNew(() =>
            {
                using var req = new RequestSocket();
                req.Connect($"tcp://127.0.0.1:{ports[0]}");
                for (var i = 0; i < 50; i++)
                {
                    req.SendMoreFrame(header).SendFrame(new byte[16]);
                    Assert.True(req.TryReceiveFrameString(TimeSpan.FromSeconds(10), out _), "no answer");
                }
            }, TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(30));
            var grown = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Assert.Equal(50, recorder.Client.Statistics.MalformedByKind.GetValueOrDefault(MalformedKind.FrameTooLarge));
            Assert.True(grown < 64L * 1024 * 1024, $"{grown} bytes were allocated for 50 claims of 2 GiB");
        }
        finally
        {
            await recorder.DisposeAsync();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task TwoGigabyteLengthPrefixIsCutOffByTheTransport_GoodServerGoesOn()
    {
        // A raw ZMTP 3.0 peer that announces a 2 GiB message part: the transport drops the connection at the length
        // prefix (the client's MaxFrameBytes + 1 MiB is its limit) without allocating; the good server is not disturbed.
        var ports = FreePorts.Take(2);
        var recorder = new Recorder(new NetGearClientOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Ports = ports, AutoExit = false });
        Fuzzing.GoodServers? good = null;
        try
        {
            good = new Fuzzing.GoodServers([ports[0]], NetGearPattern.ReqRep, -1, TimeSpan.FromMilliseconds(10));
            await recorder.WaitForFramesAsync([ports[0]], 10, TimeSpan.FromSeconds(30));
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", ports[1]);
            var stream = tcp.GetStream();
            stream.ReadTimeout = 10_000;
            var greeting = new byte[64];
            greeting[0] = 0xFF; greeting[9] = 0x7F; greeting[10] = 3; greeting[11] = 0;
            "NULL"u8.CopyTo(greeting.AsSpan(12));
            await stream.WriteAsync(greeting);
            byte[] ready = [0x04, 28, 5, .. "READY"u8, 11, .. "Socket-Type"u8, 0, 0, 0, 6, .. "DEALER"u8];
            await stream.WriteAsync(ready);
            // First a small bad message, to prove the handshake worked: the client must count it.
            byte[] probe = [0x01, 0, 0x00, 5, .. "hello"u8];
            await stream.WriteAsync(probe);
            using (var probeWait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                while (recorder.Client.Statistics.Malformed == 0) await Task.Delay(20, probeWait.Token);
            }
            Assert.Equal(1, recorder.Client.Statistics.MalformedByKind.GetValueOrDefault(MalformedKind.InvalidJson));
            var claim = new byte[1 + 1 + 1 + 8];
            claim[0] = 0x01; claim[1] = 0; // empty delimiter, more
            claim[2] = 0x02;                // long frame, last
            BinaryPrimitives.WriteUInt64BigEndian(claim.AsSpan(3), 1UL << 31);
            await stream.WriteAsync(claim);
            await stream.WriteAsync(new byte[64 * 1024]);

            // The client must close the connection: reading ends (0 bytes or a reset) well within the timeout.
            var buffer = new byte[4096];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var closed = false;
            try
            {
                while (!cts.IsCancellationRequested)
                {
                    if (await stream.ReadAsync(buffer, cts.Token) == 0) { closed = true; break; }
                }
            }
            catch (IOException) { closed = true; }
            Assert.True(closed, "the client kept a connection that announced a 2 GiB part");
            var grown = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Assert.True(grown < 64L * 1024 * 1024, $"{grown} bytes were allocated after a 2 GiB length claim");

            var before = recorder.Count(ports[0]);
            await recorder.WaitForFramesAsync([ports[0]], before + 20, TimeSpan.FromSeconds(10));
            Assert.Empty(good.Errors);
        }
        finally
        {
            good?.Dispose();
            await recorder.DisposeAsync();
        }
    }
}
