namespace NetGearSharp.Transport.Native;

/// <summary>
/// Lets other threads end a socket's wait: a pair of <c>inproc</c> PAIR sockets whose receiving end is polled with
/// the socket. Wake-ups coalesce: one message at most is on its way until the waiter has drained it.
/// </summary>
internal sealed unsafe class NativeWakeUp : IDisposable
{
    private static long s_counter;
    private readonly Lock _gate = new();
    private IntPtr _sender;
    private IntPtr _receiver;
    private int _pending;

    public NativeWakeUp(IntPtr context)
    {
        var endpoint = $"inproc://netgearsharp-wakeup-{Interlocked.Increment(ref s_counter)}";
        _receiver = Open(context);
        try
        {
            if (ZmqNative.zmq_bind(_receiver, endpoint) != 0) throw ZmqNative.Failure($"bind to {endpoint}");
            _sender = Open(context);
            if (ZmqNative.zmq_connect(_sender, endpoint) != 0) throw ZmqNative.Failure($"connect to {endpoint}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The socket to poll for <see cref="ZmqNative.PollIn"/>.</summary>
    public IntPtr Socket => _receiver;

    /// <summary>Ends the waiter's current or next wait. Thread-safe.</summary>
    public void Wake()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return; // one is on its way already
        lock (_gate)
        {
            if (_sender != IntPtr.Zero) _ = ZmqNative.zmq_send(_sender, null, 0, ZmqNative.DontWait);
        }
    }

    /// <summary>
    /// Takes the wake-up messages (on the waiting thread). Whatever the wakers published before they woke it is
    /// visible after this returns.
    /// </summary>
    public void Drain()
    {
        byte unused;
        while (ZmqNative.zmq_recv(_receiver, &unused, 0, ZmqNative.DontWait) >= 0) { }
        // A full fence, not a release store: the waiter's next look at what the wakers published must come after it,
        // or a waker that still saw 1 would send nothing while the waiter read its state from before (x86 lets a
        // load pass an earlier store); that wake-up would wait for the next poll's timeout.
        Interlocked.Exchange(ref _pending, 0);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_sender != IntPtr.Zero) _ = ZmqNative.zmq_close(_sender);
            _sender = IntPtr.Zero;
        }
        if (_receiver != IntPtr.Zero) _ = ZmqNative.zmq_close(_receiver);
        _receiver = IntPtr.Zero;
    }

    private static IntPtr Open(IntPtr context)
    {
        var socket = ZmqNative.zmq_socket(context, ZmqNative.Pair);
        if (socket == IntPtr.Zero) throw ZmqNative.Failure("zmq_socket(PAIR)");
        NativeOptions.SetInt(socket, ZmqNative.Linger, 0);
        return socket;
    }
}
