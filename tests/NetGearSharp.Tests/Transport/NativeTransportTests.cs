using System.Text;
using NetGearSharp.Tests.Support;
using NetGearSharp.Client;
using NetGearSharp.Transport;
using FreePorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Tests.Transport;

/// <summary>Socket-level conformance of the transports (the native libzmq one and, for comparison, NetMQ).</summary>
public class NativeTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static ITransport Get(TransportKind kind) => kind == TransportKind.Native ? NetGearSharp.Transport.Native.NativeTransport.Default : NetGearSharp.Transport.NetMq.NetMqTransport.Instance;

    private static string Tcp(int port) => $"tcp://127.0.0.1:{port}";

    [Fact]
    public void TheDefaultNativeTransportLoadsLibzmq()
    {
        var transport = NetGearSharp.Transport.Native.NativeTransport.Default;
        Assert.Equal("native", transport.Name);
        Assert.StartsWith("4.", NetGearSharp.Transport.Native.NativeTransport.LibraryVersion);
    }

    [Theory(Timeout = 20000), MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task BindConnectAndMultipartRoundTrip(TransportKind kind)
    {
        await Task.Yield();
        var port = FreePorts.One();
        var t = Get(kind);
        using var rep = t.CreateSocket(new SocketSpec(SocketKind.Rep));
        using var req = t.CreateSocket(new SocketSpec(SocketKind.Req));
        var bound = rep.Bind(Tcp(port));
        Assert.Equal(port, Endpoints.PortOf(bound));
        req.Connect(Tcp(port));

        var big = new byte[640 * 480 * 3];
        new Random(5).NextBytes(big);
        Assert.True(req.TrySend("header"u8, more: true, Wait));
        Assert.True(req.TrySend(ReadOnlySpan<byte>.Empty, more: true, Wait));
        Assert.True(req.TrySend(big, more: false, Wait));

        Assert.True(rep.TryReceive(Wait, out var part, out var more));
        Assert.Equal("header", Encoding.UTF8.GetString(part));
        Assert.True(more);
        Assert.True(rep.TryReceive(Wait, out part, out more));
        Assert.Equal(0, part.Length);
        Assert.True(more);
        Assert.True(rep.TryReceive(Wait, out part, out more));
        Assert.False(more);
        Assert.True(part.SequenceEqual(big));

        Assert.True(rep.TrySend("ok"u8, more: false, Wait));
        Assert.True(req.TryReceive(Wait, out part, out more));
        Assert.Equal("ok", Encoding.UTF8.GetString(part));
        Assert.False(more);
    }

    [Theory(Timeout = 20000), MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task ALargeBorrowedPartArrivesIntactAndIsReleasedOnceWritten(TransportKind kind)
    {
        await Task.Yield();
        var port = FreePorts.One();
        var t = Get(kind);
        using var rep = t.CreateSocket(new SocketSpec(SocketKind.Rep));
        using var req = t.CreateSocket(new SocketSpec(SocketKind.Req));
        rep.Bind(Tcp(port));
        req.Connect(Tcp(port));

        var big = new byte[640 * 480 * 3];
        new Random(7).NextBytes(big);
        Assert.True(req.TrySend("header"u8, more: true, Wait));
        Assert.True(req.TrySendBorrowed(big, Wait, out var release));
        Assert.True(rep.TryReceive(Wait, out _, out _));
        Assert.True(rep.TryReceive(Wait, out var part, out var more));
        Assert.False(more);
        Assert.True(part.SequenceEqual(big));
        Assert.True(release.Wait(Wait), "the transport did not release a part its peer had received");
        if (kind == TransportKind.Native) Assert.NotSame(SendRelease.Done, release); // really lent, not copied
    }

    [Fact(Timeout = 20000)]
    public async Task ABorrowedPartThatCannotBeQueuedIsReleasedAtOnce()
    {
        await Task.Yield();
        // ZMQ_IMMEDIATE and no peer: nothing can be queued.
        using var dealer = Get(TransportKind.Native).CreateSocket(new SocketSpec(SocketKind.Dealer) { Immediate = true });
        dealer.Connect(Tcp(FreePorts.One()));
        Assert.False(dealer.TrySendBorrowed(new byte[256 * 1024], TimeSpan.FromMilliseconds(50), out var release));
        Assert.True(release.IsReleased);
    }

    [Theory(Timeout = 20000), MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task TimeoutsReturnFalse(TransportKind kind)
    {
        await Task.Yield();
        var t = Get(kind);
        using var router = t.CreateSocket(new SocketSpec(SocketKind.Router));
        router.Bind(Tcp(FreePorts.One()));
        Assert.False(router.TryReceive(TimeSpan.FromMilliseconds(100), out var part, out var more));
        Assert.Equal(0, part.Length);
        Assert.False(more);
        Assert.False(router.TryReceive(TimeSpan.Zero, out _, out _));

        // A REQ socket without any connection has nowhere to queue a message.
        using var req = t.CreateSocket(new SocketSpec(SocketKind.Req));
        Assert.False(req.TrySend("x"u8, more: false, TimeSpan.FromMilliseconds(100)));
        Assert.False(req.TrySend("x"u8, more: false, TimeSpan.Zero));
    }

    [Theory(Timeout = 20000), MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task MonitorEventsNameTheBoundEndpoint(TransportKind kind)
    {
        var port = FreePorts.One();
        var t = Get(kind);
        using var router = t.CreateSocket(new SocketSpec(SocketKind.Router) { Monitor = true });
        router.Bind(Tcp(port));
        var req = t.CreateSocket(new SocketSpec(SocketKind.Req) { Monitor = true });
        try
        {
            req.Connect(Tcp(port));
            var accepted = await NextEvent(router, TransportEventKind.Accepted);
            Assert.Equal(port, Endpoints.PortOf(accepted.Endpoint));
            // libzmq names the connection, so the client can tell a server on this machine (loopback here); NetMQ cannot.
            Assert.Equal(kind == TransportKind.Native, accepted.PeerOnThisMachine);
            var connected = await NextEvent(req, TransportEventKind.Connected);
            Assert.Equal(port, Endpoints.PortOf(connected.Endpoint));
        }
        finally
        {
            req.Dispose();
        }
        var disconnected = await NextEvent(router, TransportEventKind.Disconnected);
        Assert.Equal(port, Endpoints.PortOf(disconnected.Endpoint));
    }

    [Fact]
    public unsafe void TheClientsSubscriberKeepsItsConnectionsOnOneIoThread()
    {
        ulong AffinityOf(NetGearPattern pattern)
        {
            var spec = ClientSettings.From(new NetGearClientOptions { Ports = [5566], Pattern = pattern, Transport = TransportKind.Native }).Socket;
            using var socket = (NetGearSharp.Transport.Native.NativeSocket)Get(TransportKind.Native).CreateSocket(spec);
            ulong mask = 99;
            nuint size = sizeof(ulong);
            Assert.Equal(0, NetGearSharp.Transport.Native.ZmqNative.zmq_getsockopt(socket.Handle, NetGearSharp.Transport.Native.ZmqNative.Affinity, &mask, &size));
            return mask;
        }
        Assert.Equal(1UL, AffinityOf(NetGearPattern.PubSub)); // the first I/O thread only
        Assert.Equal(0UL, AffinityOf(NetGearPattern.ReqRep)); // 0: spread over every I/O thread (each port its own once bound)
        // A multi-server client's ports are dealt over the I/O threads in turn (IoThreadPerEndpointTests).
        Assert.True(ClientSettings.From(new NetGearClientOptions { Ports = [5566], Transport = TransportKind.Native }).Socket.IoThreadPerEndpoint);
    }

    [Theory(Timeout = 20000), MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task SubscriberReceivesEverything(TransportKind kind)
    {
        var port = FreePorts.One();
        var t = Get(kind);
        using var sub = t.CreateSocket(new SocketSpec(SocketKind.Sub) { ReceiveHighWatermark = 1 });
        sub.SubscribeAll();
        sub.Bind(Tcp(port));
        using var pub = t.CreateSocket(new SocketSpec(SocketKind.Pub) { SendHighWatermark = 1 });
        pub.Connect(Tcp(port));
        using var cts = new CancellationTokenSource(Wait);
        // Publishers drop until the subscription has travelled: keep sending until one arrives.
        while (true)
        {
            cts.Token.ThrowIfCancellationRequested();
            pub.TrySend("\u0001topicless"u8, more: true, TimeSpan.FromMilliseconds(50));
            pub.TrySend("body"u8, more: false, TimeSpan.FromMilliseconds(50));
            if (sub.TryReceive(TimeSpan.FromMilliseconds(20), out var part, out var more))
            {
                Assert.Equal("\u0001topicless", Encoding.UTF8.GetString(part));
                Assert.True(more);
                Assert.True(sub.TryReceive(Wait, out part, out more));
                Assert.Equal("body", Encoding.UTF8.GetString(part));
                Assert.False(more);
                return;
            }
            await Task.Delay(10, cts.Token);
        }
    }

    [Fact(Timeout = 20000)]
    public async Task NativeBindFailureIsAClearError()
    {
        await Task.Yield();
        var port = FreePorts.One();
        var t = Get(TransportKind.Native);
        using var first = t.CreateSocket(new SocketSpec(SocketKind.Router));
        first.Bind(Tcp(port));
        using var second = t.CreateSocket(new SocketSpec(SocketKind.Router));
        var ex = Assert.Throws<NetGearException>(() => second.Bind(Tcp(port)));
        Assert.Contains(port.ToString(), ex.Message);
        Assert.Contains("in use", ex.Message);
    }

    [Fact(Timeout = 20000)]
    public async Task NativeSocketIsUnusableAfterDispose()
    {
        await Task.Yield();
        var socket = Get(TransportKind.Native).CreateSocket(new SocketSpec(SocketKind.Router) { Monitor = true });
        socket.Dispose();
        socket.Dispose();
        Assert.Throws<ObjectDisposedException>(() => socket.TryReceive(TimeSpan.Zero, out _, out _));
        Assert.False(socket.TryGetEvent(out _));
    }

    private static async Task<TransportEvent> NextEvent(ITransportSocket socket, TransportEventKind kind)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (true)
        {
            while (socket.TryGetEvent(out var ev))
            {
                if (ev.Kind == kind) return ev;
            }
            await Task.Delay(10, cts.Token);
        }
    }
}
