namespace NetGearSharp.Transport.Native;

/// <summary>
/// The one libzmq context of the process. It is never terminated: <c>zmq_ctx_term</c> blocks until every socket is
/// closed and its linger has passed, which must not happen in a finalizer or at process exit. The operating system
/// reclaims it when the process ends.
/// </summary>
internal static unsafe class ZmqContext
{
    /// <summary>Environment variable that sets libzmq's I/O thread count (default 1), read once when the context is created.</summary>
    public const string IoThreadsVariable = "NETGEARSHARP_ZMQ_IO_THREADS";

    private static readonly Lock Gate = new();
    private static IntPtr s_handle;

    /// <summary>The context, created on first use.</summary>
    /// <exception cref="NetGearException">libzmq is not installed (the message says which package to install).</exception>
    public static IntPtr Handle
    {
        get
        {
            var handle = Volatile.Read(ref s_handle);
            return handle != IntPtr.Zero ? handle : Create();
        }
    }

    /// <summary>libzmq's version, e.g. <c>4.3.4</c>.</summary>
    public static string Version
    {
        get
        {
            _ = Handle;
            int major, minor, patch;
            ZmqNative.zmq_version(&major, &minor, &patch);
            return $"{major}.{minor}.{patch}";
        }
    }

    private static IntPtr Create()
    {
        lock (Gate)
        {
            if (s_handle != IntPtr.Zero) return s_handle;
            IntPtr handle;
            try
            {
                handle = ZmqNative.zmq_ctx_new();
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
            {
                throw new NetGearException(
                    "The native transport needs the system's libzmq (libzmq.so.5), which could not be loaded. Install it " +
                    "(Debian/Ubuntu: 'apt-get install libzmq5'; Fedora: 'dnf install zeromq'; macOS: 'brew install zeromq') " +
                    "or use TransportKind.NetMq (the default, needs nothing installed).", ex);
            }
            if (handle == IntPtr.Zero) throw ZmqNative.Failure("zmq_ctx_new");
            NativeHeap.TuneForLargeMessages();
            // Many servers per process (benchmarks, tests) need more than the default 1023 sockets.
            ZmqNative.zmq_ctx_set(handle, ZmqNative.MaxSockets, 16384);
            ZmqNative.zmq_ctx_set(handle, ZmqNative.IoThreads, IoThreads.For(IoThreadsVariable));
            Volatile.Write(ref s_handle, handle);
            return handle;
        }
    }
}
