using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>P/Invoke declarations of the libzmq 4.x C API (Debian package <c>libzmq5</c>, <c>libzmq.so.5</c>).</summary>
internal static unsafe partial class ZmqNative
{
    private const string Lib = "zmq";

    /// <summary>Size of <c>zmq_msg_t</c> (64 bytes, pointer-aligned, in every libzmq 4.x).</summary>
    public const int MsgSize = 64;

    // Socket types.
    public const int Pair = 0, Pub = 1, Sub = 2, Req = 3, Rep = 4, Dealer = 5, Router = 6, XPub = 9;

    // Socket options.
    public const int Affinity = 4, Subscribe = 6, SndBuf = 11, RcvBuf = 12, SndTimeo = 28, RcvTimeo = 27, Linger = 17, ReconnectIvl = 18, ReconnectIvlMax = 21, MaxMsgSize = 22,
        SndHwm = 23, RcvHwm = 24, LastEndpoint = 32, Immediate = 39, XPubNoDrop = 69, HeartbeatIvl = 75, HeartbeatTtl = 76, HeartbeatTimeout = 77,
        HandshakeIvl = 66, Ipv6 = 42;

    // CURVE and ZAP socket options.
    public const int CurveServer = 47, CurvePublicKey = 48, CurveSecretKey = 49, CurveServerKey = 50, ZapDomain = 55;

    // Context options.
    public const int IoThreads = 1, MaxSockets = 2;

    // Send/receive flags and poll events.
    public const int DontWait = 1, SndMore = 2;
    public const short PollIn = 1, PollOut = 2;

    // Monitor events.
    public const int EventConnected = 0x0001, EventAccepted = 0x0020, EventDisconnected = 0x0200;
    public const int EventHandshakeFailedNoDetail = 0x0800, EventHandshakeSucceeded = 0x1000,
        EventHandshakeFailedProtocol = 0x2000, EventHandshakeFailedAuth = 0x4000;

    // errno values (Linux) that are not failures.
    public const int EAgain = 11, EIntr = 4;

    static ZmqNative() => Interop.NativeLibraries.EnsureRegistered();

    [LibraryImport(Lib)] public static partial void zmq_version(int* major, int* minor, int* patch);
    [LibraryImport(Lib)] public static partial IntPtr zmq_ctx_new();
    [LibraryImport(Lib)] public static partial int zmq_ctx_term(IntPtr context);
    [LibraryImport(Lib)] public static partial int zmq_ctx_set(IntPtr context, int option, int value);
    [LibraryImport(Lib)] public static partial int zmq_errno();
    [LibraryImport(Lib)] public static partial IntPtr zmq_strerror(int errnum);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int zmq_has(string capability);
    [LibraryImport(Lib)] public static partial int zmq_curve_keypair(byte* z85PublicKey, byte* z85SecretKey);

    [LibraryImport(Lib)] public static partial IntPtr zmq_socket(IntPtr context, int type);
    [LibraryImport(Lib)] public static partial int zmq_close(IntPtr socket);
    [LibraryImport(Lib)] public static partial int zmq_setsockopt(IntPtr socket, int option, void* value, nuint size);
    [LibraryImport(Lib)] public static partial int zmq_getsockopt(IntPtr socket, int option, void* value, nuint* size);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int zmq_bind(IntPtr socket, string endpoint);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int zmq_unbind(IntPtr socket, string endpoint);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int zmq_connect(IntPtr socket, string endpoint);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] public static partial int zmq_socket_monitor(IntPtr socket, string? endpoint, int events);

    [LibraryImport(Lib)] public static partial int zmq_send(IntPtr socket, byte* buffer, nuint length, int flags);
    [LibraryImport(Lib)] public static partial int zmq_recv(IntPtr socket, byte* buffer, nuint length, int flags);
    [LibraryImport(Lib)] public static partial int zmq_poll(ZmqPollItem* items, int count, CLong timeoutMs);

    [LibraryImport(Lib)] public static partial int zmq_msg_init(void* msg);
    [LibraryImport(Lib)] public static partial int zmq_msg_init_data(void* msg, void* data, nuint size, delegate* unmanaged[Cdecl]<void*, void*, void> ffn, void* hint);
    [LibraryImport(Lib)] public static partial int zmq_msg_send(void* msg, IntPtr socket, int flags);
    [LibraryImport(Lib)] public static partial int zmq_msg_close(void* msg);
    [LibraryImport(Lib)] public static partial int zmq_msg_move(void* dest, void* src);
    [LibraryImport(Lib)] public static partial int zmq_msg_recv(void* msg, IntPtr socket, int flags);

    // Trivial accessors: no GC transition needed.
    [LibraryImport(Lib), SuppressGCTransition] public static partial void* zmq_msg_data(void* msg);
    [LibraryImport(Lib), SuppressGCTransition] public static partial nuint zmq_msg_size(void* msg);
    [LibraryImport(Lib), SuppressGCTransition] public static partial int zmq_msg_more(void* msg);
    [LibraryImport(Lib), SuppressGCTransition] public static partial int zmq_msg_get(void* msg, int property);

    /// <summary>zmq_msg_get property: the file descriptor of the connection the message was read from.</summary>
    public const int MsgSourceFd = 2;

    /// <summary>The text of the last error on this thread, e.g. <c>Address already in use</c>.</summary>
    public static string LastError(out int errno)
    {
        errno = zmq_errno();
        return Marshal.PtrToStringUTF8(zmq_strerror(errno)) ?? $"errno {errno}";
    }

    /// <summary>Throws a <see cref="NetGearException"/> naming the call and libzmq's error text.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception Failure(string what)
    {
        var text = LastError(out var errno);
        return new NetGearException($"libzmq {what} failed: {text} (errno {errno}).");
    }
}
