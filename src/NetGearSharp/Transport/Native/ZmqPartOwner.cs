using System.Buffers;
using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// A received message part taken over from the socket (<c>zmq_msg_move</c> into a <c>zmq_msg_t</c> of its own), so a
/// frame can use libzmq's buffer directly instead of a copy. The memory is native: it never moves. Disposing closes
/// the message, which frees the buffer (from any thread: libzmq's content is reference counted).
/// </summary>
internal sealed unsafe class ZmqPartOwner : MemoryManager<byte>
{
    private void* _msg;
    private readonly byte* _data;
    private readonly int _length;

    private ZmqPartOwner(void* msg)
    {
        _msg = msg;
        _data = (byte*)ZmqNative.zmq_msg_data(msg);
        _length = (int)ZmqNative.zmq_msg_size(msg);
    }

    /// <summary>Moves the content of <paramref name="source"/> (left empty) into a new owner.</summary>
    public static ZmqPartOwner Take(void* source)
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
        ZmqNative.zmq_msg_close(msg);
        NativeMemory.AlignedFree(msg);
    }
}
