namespace NetGearSharp.Transport.Native;

/// <summary>
/// A libzmq context, owned by one <see cref="NativeTransport"/>. The default transport's context is never terminated
/// (<c>zmq_ctx_term</c> blocks until every socket is closed and its linger has passed, which must not happen in a
/// finalizer or at process exit; the operating system reclaims it when the process ends); a transport the
/// application created terminates its own when disposed.
/// </summary>
internal sealed unsafe class ZmqContext : IDisposable
{
    private IntPtr _handle;

    /// <summary>Creates a context with <paramref name="ioThreads"/> I/O threads (started lazily by libzmq).</summary>
    /// <exception cref="NetGearException">libzmq is not installed (the message says which package to install).</exception>
    public ZmqContext(int ioThreads)
    {
        IntPtr handle;
        try
        {
            handle = ZmqNative.zmq_ctx_new();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            throw new NetGearException(
                $"The native transport needs the system's libzmq, which could not be loaded ({Interop.NativeLibraries.Describe("zmq")}). Install it " +
                "(Debian/Ubuntu: 'apt-get install libzmq5'; Fedora: 'dnf install zeromq'; macOS: 'brew install zeromq') " +
                "or use the managed NetMQ transport, which needs nothing installed (TransportKind.NetMq; the netgear tool: --transport netmq).", ex);
        }
        if (handle == IntPtr.Zero) throw ZmqNative.Failure("zmq_ctx_new");
        // Many servers per process (benchmarks, tests) need more than the default 1023 sockets.
        if (ZmqNative.zmq_ctx_set(handle, ZmqNative.MaxSockets, 16384) != 0 || ZmqNative.zmq_ctx_set(handle, ZmqNative.IoThreads, ioThreads) != 0)
        {
            var failure = ZmqNative.Failure("zmq_ctx_set");
            _ = ZmqNative.zmq_ctx_term(handle);
            throw failure;
        }
        _handle = handle;
    }

    /// <summary>The context; throws once terminated.</summary>
    public IntPtr Handle
    {
        get
        {
            var handle = Volatile.Read(ref _handle);
            ObjectDisposedException.ThrowIf(handle == IntPtr.Zero, this);
            return handle;
        }
    }

    /// <summary>libzmq's version, e.g. <c>4.3.4</c>.</summary>
    public static string Version
    {
        get
        {
            int major, minor, patch;
            ZmqNative.zmq_version(&major, &minor, &patch);
            return $"{major}.{minor}.{patch}";
        }
    }

    /// <summary>Terminates the context: waits until every socket of it is closed (and lingering messages are gone).</summary>
    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, IntPtr.Zero);
        if (handle != IntPtr.Zero) _ = ZmqNative.zmq_ctx_term(handle);
    }
}
