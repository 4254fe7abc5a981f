using System.Buffers;
using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// A received message part taken over from the socket (<c>zmq_msg_move</c> into a <c>zmq_msg_t</c> of its own), so a
/// frame can use libzmq's buffer directly instead of a copy. The memory is native: it never moves. Disposing closes
/// the message, which frees the buffer (from any thread: libzmq's content is reference counted).
/// There is deliberately no finalizer: a span over the memory does not keep its owner alive, so a finalizer could free
/// the buffer under a caller still reading it. Instead the bytes held by undisposed owners are capped at
/// <see cref="LiveLimitBytes"/>: past it, <see cref="TryTake"/> declines and the caller copies into pooled (collectable)
/// memory, so a program that never disposes its frames stays correct and its leak stays bounded.
/// </summary>
internal sealed unsafe class ZmqPartOwner : MemoryManager<byte>
{
    /// <summary>The most bytes undisposed owners may hold at once, process-wide.</summary>
    public const long LiveLimitBytes = 256L * 1024 * 1024;

    private static long s_liveBytes;
    private void* _msg;
    private readonly byte* _data;
    private readonly int _length;

    private ZmqPartOwner(void* msg)
    {
        _msg = msg;
        _data = (byte*)ZmqNative.zmq_msg_data(msg);
        _length = (int)ZmqNative.zmq_msg_size(msg);
    }

    /// <summary>Bytes held by owners not yet disposed, process-wide.</summary>
    public static long LiveBytes => Interlocked.Read(ref s_liveBytes);

    /// <summary>Moves the content of <paramref name="source"/> (left empty) into a new owner; null (nothing moved) past the cap.</summary>
    public static ZmqPartOwner? TryTake(void* source)
    {
        var size = (long)ZmqNative.zmq_msg_size(source);
        if (Interlocked.Add(ref s_liveBytes, size) > LiveLimitBytes)
        {
            Interlocked.Add(ref s_liveBytes, -size);
            return null;
        }
        try
        {
            return Take(source);
        }
        catch
        {
            Interlocked.Add(ref s_liveBytes, -size);
            throw;
        }
    }

    private static ZmqPartOwner Take(void* source)
    {
        var msg = NativeMemory.AlignedAlloc(ZmqNative.MsgSize, 16);
        if (ZmqNative.zmq_msg_init(msg) != 0 || ZmqNative.zmq_msg_move(msg, source) != 0)
        {
            NativeMemory.AlignedFree(msg);
            throw ZmqNative.Failure("zmq_msg_move");
        }
        return new ZmqPartOwner(msg);
    }

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_msg == null, this);
        return new Span<byte>(_data, _length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_msg == null, this);
        if ((uint)elementIndex > (uint)_length) throw new ArgumentOutOfRangeException(nameof(elementIndex));
        return new MemoryHandle(_data + elementIndex);
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing)
    {
        var msg = _msg;
        if (msg == null) return;
        _msg = null;
        Interlocked.Add(ref s_liveBytes, -_length);
        _ = ZmqNative.zmq_msg_close(msg);
        NativeMemory.AlignedFree(msg);
    }
}
