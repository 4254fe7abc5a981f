using System.Runtime.CompilerServices;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;
using FreePorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// A large array a socket lends again and again is pinned once (<see cref="PinnedArrayLease"/>): each send reads the
/// array where it lies, and the pin lasts until the socket has moved on (or closed) and every send is released.
/// </summary>
public class PinnedArrayLeaseTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public unsafe void ALeasePointsIntoThePinnedArrayAndThePinOutlivesTheSocketsReferenceUntilEveryLeaseEnds()
    {
        var array = new byte[PinnedArrayLease.MinimumLength];
        var lease = new PinnedArrayLease(array);
        var first = lease.Lend(0);
        var second = lease.Lend(100);
        Assert.Equal((nint)Unsafe.AsPointer(ref array[0]), (nint)first.Pointer);
        Assert.Equal((nint)Unsafe.AsPointer(ref array[100]), (nint)second.Pointer);

        lease.Retire();
        Assert.True(lease.IsPinned);
        first.Dispose();
        Assert.True(lease.IsPinned);
        second.Dispose();
        Assert.False(lease.IsPinned);
    }

    [Fact(Timeout = 20000)]
    public async Task ASocketSendingOneLargeArrayPinsItOnceAndLetsItGoForTheNextArrayAndOnClose()
    {
        await Task.Yield();
        using var rep = Bound(out var port);
        using var req = Connected(port);

        var frame = new byte[640 * 480 * 3];
        PinnedArrayLease? lease = null;
        for (var i = 0; i < 3; i++)
        {
            new Random(i).NextBytes(frame); // the frame changes between sends: each send reads it as it is then
            RoundTrip(req, rep, frame);
            lease ??= req.Lease;
            Assert.Same(lease, req.Lease);
            Assert.Same(frame, lease!.Array);
            Assert.True(lease.IsPinned);
        }

        var other = new byte[frame.Length];
        new Random(9).NextBytes(other);
        RoundTrip(req, rep, other);
        Assert.Same(other, req.Lease!.Array);
        Assert.False(lease!.IsPinned); // retired for the new array, its last send released
        var last = req.Lease;

        req.Dispose(); // closing lets go of the array once its sends are released: all of them are
        Assert.False(last.IsPinned);
    }

    [Fact(Timeout = 20000)]
    public async Task SmallAndSlicedPartsArePinnedPerSend()
    {
        await Task.Yield();
        using var rep = Bound(out var port);
        using var req = Connected(port);

        // Borrowed, but under the large-object size: pinned for its send only.
        var small = new byte[PinnedArrayLease.MinimumLength - 1];
        new Random(1).NextBytes(small);
        RoundTrip(req, rep, small);
        Assert.Null(req.Lease);

        // A slice of a large array is lent from where it starts.
        var large = new byte[300_000];
        new Random(2).NextBytes(large);
        RoundTrip(req, rep, large.AsMemory(1000, 200_000));
        Assert.Same(large, req.Lease!.Array);
    }

    private static ITransportSocket Bound(out int port)
    {
        port = FreePorts.One();
        var rep = NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Rep));
        rep.Bind($"tcp://127.0.0.1:{port}");
        return rep;
    }

    private static NativeSocket Connected(int port)
    {
        var req = (NativeSocket)NativeTransport.Default.CreateSocket(new SocketSpec(SocketKind.Req));
        req.Connect($"tcp://127.0.0.1:{port}");
        return req;
    }

    private static void RoundTrip(NativeSocket req, ITransportSocket rep, ReadOnlyMemory<byte> payload)
    {
        Assert.True(req.TrySendBorrowed(payload, Wait, out var release));
        Assert.True(rep.TryReceive(Wait, out var part, out var more));
        Assert.False(more);
        Assert.True(part.SequenceEqual(payload.Span));
        Assert.True(rep.TrySend("ok"u8, more: false, Wait));
        Assert.True(req.TryReceive(Wait, out _, out _));
        Assert.True(release.Wait(Wait), "the transport did not release a part its peer had received");
    }
}
