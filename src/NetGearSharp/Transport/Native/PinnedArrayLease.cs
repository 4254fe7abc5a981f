using System.Buffers;
using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// One pin of a large array that a socket lends to libzmq again and again (a server sending from the same frame
/// buffer): the array is pinned once, not at every send, and each send holds a lease on the pin. The pin is freed
/// when the socket has moved on to another array (or closed) and libzmq has released every send that read from it.
/// Pinning and unpinning at every frame took a server's sending thread a few microseconds a frame when its caches
/// were cold; a pinned large-object-heap array costs the collector nothing (that heap is not compacted while pinned).
/// </summary>
internal sealed unsafe class PinnedArrayLease : IPinnable
{
    /// <summary>Arrays at least this long live on the large-object heap: only they are kept pinned between sends.</summary>
    public const int MinimumLength = 85_000;

    private GCHandle _handle;
    /// <summary>The socket's own reference (until <see cref="Retire"/>) plus one per send libzmq has not released yet.</summary>
    private int _holders = 1;

    /// <summary>Pins <paramref name="array"/> for the socket.</summary>
    public PinnedArrayLease(byte[] array)
    {
        Array = array;
        _handle = GCHandle.Alloc(array, GCHandleType.Pinned);
    }

    /// <summary>The pinned array.</summary>
    public byte[] Array { get; }

    /// <summary>Whether the array is still pinned (the socket lends from it, or a send from it is not released yet).</summary>
    public bool IsPinned => Volatile.Read(ref _holders) > 0;

    /// <summary>A lease for one send from <paramref name="offset"/>: disposing the handle (when libzmq releases the send) ends it.</summary>
    public MemoryHandle Lend(int offset)
    {
        Interlocked.Increment(ref _holders);
        return new MemoryHandle((byte*)_handle.AddrOfPinnedObject() + offset, pinnable: this);
    }

    /// <summary>The socket no longer lends from this array: the pin goes when the last send is released.</summary>
    public void Retire() => Unpin();

    /// <summary>Not used: leases come from <see cref="Lend"/>.</summary>
    public MemoryHandle Pin(int elementIndex) => throw new NotSupportedException("Leases come from Lend.");

    /// <summary>Ends one lease (or the socket's reference); the last one frees the pin.</summary>
    public void Unpin()
    {
        if (Interlocked.Decrement(ref _holders) == 0) _handle.Free();
    }
}
