namespace NetGearSharp.Transport.Native;

/// <summary>Sets libzmq socket options from a <see cref="SocketSpec"/>.</summary>
internal static unsafe class NativeOptions
{
    public static int SetInt(IntPtr socket, int option, int value) => ZmqNative.zmq_setsockopt(socket, option, &value, sizeof(int));

    public static int SetLong(IntPtr socket, int option, long value) => ZmqNative.zmq_setsockopt(socket, option, &value, sizeof(long));

    /// <summary>Applies every option of the spec; throws naming the option that libzmq refused.</summary>
    public static void Apply(IntPtr socket, SocketSpec spec)
    {
        Check(SetInt(socket, ZmqNative.Linger, Milliseconds(spec.Linger)), "LINGER");
        if (spec.Ipv6) Check(SetInt(socket, ZmqNative.Ipv6, 1), "IPV6");
        if (spec.SingleIoThread) SetAffinity(socket, 0); // the first I/O thread only
        if (spec.SendHighWatermark is { } snd) Check(SetInt(socket, ZmqNative.SndHwm, snd), "SNDHWM");
        if (spec.ReceiveHighWatermark is { } rcv) Check(SetInt(socket, ZmqNative.RcvHwm, rcv), "RCVHWM");
        if (spec.HeartbeatInterval is { } ivl && ivl > TimeSpan.Zero)
        {
            var timeout = spec.HeartbeatTimeout ?? ivl * 3;
            Check(SetInt(socket, ZmqNative.HeartbeatIvl, Milliseconds(ivl)), "HEARTBEAT_IVL");
            Check(SetInt(socket, ZmqNative.HeartbeatTimeout, Milliseconds(timeout)), "HEARTBEAT_TIMEOUT");
            // The TTL is sent to the peer in deciseconds (at most 6553.5 s).
            Check(SetInt(socket, ZmqNative.HeartbeatTtl, Math.Min(Milliseconds(timeout), 6_553_500)), "HEARTBEAT_TTL");
        }
        if (spec.HandshakeTimeout is { } handshake) Check(SetInt(socket, ZmqNative.HandshakeIvl, Milliseconds(handshake)), "HANDSHAKE_IVL");
        // Where one connection's buffer cannot be cut when a backlog builds (BacklogBuffers), the cut size is fixed from the start.
        var fixedBacklog = BacklogBuffers.Supported ? null : spec.BacklogBufferBytes;
        if ((spec.SendBufferBytes ?? fixedBacklog) is { } sndbuf) Check(SetInt(socket, ZmqNative.SndBuf, sndbuf), "SNDBUF");
        if ((spec.ReceiveBufferBytes ?? fixedBacklog) is { } rcvbuf) Check(SetInt(socket, ZmqNative.RcvBuf, rcvbuf), "RCVBUF");
        if (WaitsInSend(spec))
        {
            Check(SetInt(socket, ZmqNative.XPubNoDrop, 1), "XPUB_NODROP");
            // Only the retries of NativeSocket's sends block, for at most this long each (see NativeSocket.AwaitRoom).
            Check(SetInt(socket, ZmqNative.SndTimeo, Milliseconds(RoomWaitStep)), "SNDTIMEO");
        }
        if (spec.MaxMessageSize > 0) Check(SetLong(socket, ZmqNative.MaxMsgSize, spec.MaxMessageSize), "MAXMSGSIZE");
        if (spec.Immediate) Check(SetInt(socket, ZmqNative.Immediate, 1), "IMMEDIATE");
        if (spec.Curve is { } curve) ApplyCurve(socket, curve);
        Check(SetInt(socket, ZmqNative.ReconnectIvl, Milliseconds(spec.ReconnectInterval)), "RECONNECT_IVL");
        Check(SetInt(socket, ZmqNative.ReconnectIvlMax, Milliseconds(spec.ReconnectIntervalMax)), "RECONNECT_IVL_MAX");
    }

    /// <summary>How long one blocking send of a publisher waiting for room lasts before the caller's deadline is checked.</summary>
    public static readonly TimeSpan RoomWaitStep = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A publisher that waits for room (ZMQ_XPUB_NODROP). libzmq reports POLLOUT on such a socket even when its queue
    /// is full, so a poll cannot wait for room; a blocking send can: it sleeps on the socket's mailbox until the pipe
    /// reports that its reader took the message (or ZMQ_SNDTIMEO passes).
    /// </summary>
    public static bool WaitsInSend(SocketSpec spec) => spec.WaitWhenFull && spec.Kind == SocketKind.Pub;

    /// <summary>CURVE server (the binding client) or CURVE client (a sending server) with its keys, as 32-byte binary keys.</summary>
    private static void ApplyCurve(IntPtr socket, CurveSpec curve)
    {
        if (curve.Server) Check(SetInt(socket, ZmqNative.CurveServer, 1), "CURVE_SERVER");
        else Check(SetKey(socket, ZmqNative.CurveServerKey, curve.ServerKey!), "CURVE_SERVERKEY");
        Check(SetKey(socket, ZmqNative.CurvePublicKey, curve.Keys.PublicKey), "CURVE_PUBLICKEY");
        Check(SetKey(socket, ZmqNative.CurveSecretKey, curve.Keys.SecretKey), "CURVE_SECRETKEY");
    }

    private static int SetKey(IntPtr socket, int option, string z85)
    {
        var key = Security.CurveKeys.ToBytes(z85);
        fixed (byte* data = key) return ZmqNative.zmq_setsockopt(socket, option, data, (nuint)key.Length);
    }

    /// <summary>Sets ZMQ_AFFINITY to I/O thread <paramref name="thread"/> alone; it applies to the endpoints bound or connected after it.</summary>
    public static void SetAffinity(IntPtr socket, int thread) => Check(SetLong(socket, ZmqNative.Affinity, 1L << thread), "AFFINITY");

    /// <summary>Sets ZMQ_ZAP_DOMAIN; it applies to the endpoints bound after it.</summary>
    public static void SetZapDomain(IntPtr socket, string domain)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(domain);
        fixed (byte* data = bytes) Check(ZmqNative.zmq_setsockopt(socket, ZmqNative.ZapDomain, data, (nuint)bytes.Length), "ZAP_DOMAIN");
    }

    /// <summary>The endpoint last bound (ZMQ_LAST_ENDPOINT), e.g. <c>tcp://127.0.0.1:5566</c>.</summary>
    public static string? LastEndpoint(IntPtr socket)
    {
        const int capacity = 1024;
        var buffer = stackalloc byte[capacity];
        nuint size = capacity;
        if (ZmqNative.zmq_getsockopt(socket, ZmqNative.LastEndpoint, buffer, &size) != 0 || size == 0) return null;
        var length = (int)size;
        while (length > 0 && buffer[length - 1] == 0) length--;
        return System.Text.Encoding.UTF8.GetString(buffer, length);
    }

    /// <summary>A time span as whole milliseconds for libzmq: infinite is -1, anything else rounds up and saturates.</summary>
    public static int Milliseconds(TimeSpan span)
    {
        if (span == Timeout.InfiniteTimeSpan) return -1;
        if (span <= TimeSpan.Zero) return 0;
        var ms = Math.Ceiling(span.TotalMilliseconds);
        return ms >= int.MaxValue ? int.MaxValue : (int)ms;
    }

    private static void Check(int rc, string option)
    {
        if (rc != 0) throw ZmqNative.Failure($"setting ZMQ_{option}");
    }
}
