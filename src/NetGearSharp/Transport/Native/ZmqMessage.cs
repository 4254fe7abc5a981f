using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// One <c>zmq_msg_t</c> in native memory (it never moves, so spans over its data stay valid). Each receive into it
/// releases the previous content; the data is valid until the next receive or <see cref="Dispose"/>. Not thread-safe.
/// </summary>
internal sealed unsafe class ZmqMessage : IDisposable
{
    private void* _msg;

    public ZmqMessage()
    {
        _msg = NativeMemory.AlignedAlloc(ZmqNative.MsgSize, 16);
        if (ZmqNative.zmq_msg_init(_msg) != 0)
        {
            NativeMemory.AlignedFree(_msg);
            _msg = null;
            throw ZmqNative.Failure("zmq_msg_init");
        }
    }

    /// <summary>
    /// Receives the next part: without waiting, or with <paramref name="block"/> for up to the socket's ZMQ_RCVTIMEO.
    /// Returns false with the errno (EAGAIN: nothing came) when nothing was received.
    /// </summary>
    public bool TryReceive(IntPtr socket, out int errno, bool block = false)
    {
        if (ZmqNative.zmq_msg_recv(_msg, socket, block ? 0 : ZmqNative.DontWait) >= 0)
        {
            errno = 0;
            return true;
        }
        errno = ZmqNative.zmq_errno();
        return false;
    }

    /// <summary>The received bytes (zero copy), valid until the next receive.</summary>
    public ReadOnlySpan<byte> Data
    {
        get
        {
            var size = (int)ZmqNative.zmq_msg_size(_msg);
            return size == 0 ? ReadOnlySpan<byte>.Empty : new ReadOnlySpan<byte>(ZmqNative.zmq_msg_data(_msg), size);
        }
    }

    /// <summary>Moves the received part into an owner of its own (this message is left empty); null past the owners' cap.</summary>
    public ZmqPartOwner? TryTake()
    {
        ObjectDisposedException.ThrowIf(_msg == null, this);
        return ZmqPartOwner.TryTake(_msg);
    }

    /// <summary>The descriptor of the connection the received part came from (ZMQ_SRCFD), or -1 when libzmq does not say.</summary>
    public int SourceFd => ZmqNative.zmq_msg_get(_msg, ZmqNative.MsgSourceFd);

    /// <summary>Whether more parts of the same message follow the one received.</summary>
    public bool More => ZmqNative.zmq_msg_more(_msg) != 0;

    public void Dispose()
    {
        var msg = _msg;
        if (msg == null) return;
        _msg = null;
        _ = ZmqNative.zmq_msg_close(msg);
        NativeMemory.AlignedFree(msg);
    }
}
