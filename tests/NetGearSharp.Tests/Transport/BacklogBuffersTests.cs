using System.Diagnostics;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;
using FreePorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// Publish/Subscribe connections keep the kernel's own buffers until a backlog builds on one; then that connection's
/// buffer is cut (<see cref="SocketSpec.BacklogBufferBytes"/>). Real libzmq sockets over loopback TCP; Linux only.
/// </summary>
public sealed class BacklogBuffersTests
{
    private const int Cut = 64 * 1024;
    /// <summary>What the kernel reports for a buffer of <see cref="Cut"/> bytes: Linux doubles what it was asked for.</summary>
    private const int CutAsReported = 2 * Cut;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static SocketSpec Subscriber => new(SocketKind.Sub) { ReceiveHighWatermark = 1, BacklogBufferBytes = Cut };

    private static SocketSpec Publisher => new(SocketKind.Pub) { SendHighWatermark = 1, WaitWhenFull = true, BacklogBufferBytes = Cut };

    /// <summary>A subscriber bound on a free port and a publisher connected to it, with the subscription in effect.</summary>
    private static (NativeSocket Sub, NativeSocket Pub) Pair()
    {
        var transport = NativeTransport.Default;
        var sub = (NativeSocket)transport.CreateSocket(Subscriber);
        NativeSocket? pub = null;
        try
        {
            sub.SubscribeAll();
            var port = FreePorts.One();
            sub.Bind($"tcp://127.0.0.1:{port}");
            pub = (NativeSocket)transport.CreateSocket(Publisher);
            pub.Connect($"tcp://127.0.0.1:{port}");
            // A publisher drops what it sends before the subscription arrives: send until one message gets through.
            var clock = Stopwatch.StartNew();
            while (true)
            {
                pub.TrySend("hello"u8, more: false, TimeSpan.FromMilliseconds(50));
                if (sub.TryReceive(TimeSpan.FromMilliseconds(50), out _, out _)) break;
                if (clock.Elapsed > Wait) throw new TimeoutException("The subscription did not arrive.");
            }
            while (sub.TryReceive(TimeSpan.FromMilliseconds(100), out _, out _)) { }
            return (sub, pub);
        }
        catch
        {
            pub?.Dispose();
            sub.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> on a <see cref="Pair"/> (Linux only: elsewhere nothing is cut), off the test's thread, and disposes both.</summary>
    private static Task OnPair(Action<NativeSocket, NativeSocket> body) => Task.Run(() =>
    {
        if (!OperatingSystem.IsLinux()) return;
        var (sub, pub) = Pair();
        using (sub)
        using (pub)
            body(sub, pub);
    });

    [Fact(Timeout = 30000)]
    public Task A_publisher_whose_subscriber_stops_reading_cuts_its_connections_send_buffer() => OnPair((sub, pub) =>
    {
        Assert.Empty(pub.Backlog!.CutConnections);
        var frame = new byte[900 * 1024];
        // The subscriber reads nothing: the kernel's buffers fill, then the publisher's queue, and its sends wait.
        var clock = Stopwatch.StartNew();
        while (pub.Backlog.CutConnections.Count == 0 && clock.Elapsed < Wait)
            pub.TrySend(frame, more: false, TimeSpan.FromMilliseconds(20));
        var connection = Assert.Single(pub.Backlog.CutConnections);
        Assert.Equal(CutAsReported, TcpConnection.BufferBytes(connection, send: true));
    });

    [Fact(Timeout = 30000)]
    public Task A_subscriber_that_falls_behind_cuts_its_connections_receive_buffer() => OnPair((sub, pub) =>
    {
        var frame = new byte[60 * 1024]; // a JPEG frame's size: many fit in the kernel's own buffer
        using var stop = new CancellationTokenSource();
        var sender = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested) pub.TrySend(frame, more: false, TimeSpan.FromMilliseconds(20));
        });
        try
        {
            // First the reader keeps up, so the kernel grows the connection's receive window; then it is slower than
            // the sender (a decode of a few milliseconds per frame), and data waits in the kernel.
            long connection = -1;
            for (var i = 0; i < 300 && sub.Backlog!.Cuts == 0; i++)
            {
                Assert.True(sub.TryReceive(Wait, out _, out _));
                connection = sub.LastPartConnection;
            }
            var clock = Stopwatch.StartNew();
            while (sub.Backlog!.Cuts == 0 && clock.Elapsed < Wait)
            {
                if (sub.TryReceive(TimeSpan.FromMilliseconds(100), out _, out _)) connection = sub.LastPartConnection;
                Thread.Sleep(3);
            }
            Assert.Equal(1, sub.Backlog.Cuts);
            Assert.Equal(CutAsReported, TcpConnection.BufferBytes(connection, send: false));
        }
        finally
        {
            stop.Cancel();
            sender.Wait(Wait);
        }
    });

    [Fact(Timeout = 30000)]
    public Task Connections_whose_reader_keeps_up_keep_the_kernels_own_buffers() => OnPair((sub, pub) =>
    {
        var frame = new byte[900 * 1024];
        var received = 0;
        // Thirty raw frames at a camera's pace, each read as it arrives.
        for (var i = 0; i < 30; i++)
        {
            Assert.True(pub.TrySend(frame, more: false, Wait));
            Assert.True(sub.TryReceive(Wait, out var part, out _));
            Assert.Equal(frame.Length, part.Length);
            received++;
            Thread.Sleep(20);
        }
        Assert.Equal(30, received);
        Assert.Empty(pub.Backlog!.CutConnections);
        Assert.Equal(0, sub.Backlog!.Cuts);
    });

    [Fact]
    public void Without_a_cut_size_or_with_fixed_buffers_nothing_is_cut()
    {
        var transport = NativeTransport.Default;
        using var plain = (NativeSocket)transport.CreateSocket(new SocketSpec(SocketKind.Sub));
        using var fixedBuffer = (NativeSocket)transport.CreateSocket(Subscriber with { ReceiveBufferBytes = Cut });
        using var fixedSend = (NativeSocket)transport.CreateSocket(Publisher with { SendBufferBytes = Cut });
        Assert.Null(plain.Backlog);
        Assert.Null(fixedBuffer.Backlog);
        Assert.Null(fixedSend.Backlog);
    }
}
