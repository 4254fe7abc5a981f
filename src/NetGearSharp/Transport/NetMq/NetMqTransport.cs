using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Transport.NetMq;

/// <summary>
/// The NetMQ (pure managed ZeroMQ) transport. NetMQ's buffer pool and the thread pool's minimum are process-wide, so
/// they are left alone unless the application opts in (<see cref="NetGearProcessTuning"/>).
/// </summary>
public sealed class NetMqTransport : ITransport
{
    /// <summary>The transport (NetMQ keeps its state per process; there is one).</summary>
    public static NetMqTransport Instance { get; } = new();

    private NetMqTransport()
    {
    }

    /// <inheritdoc />
    public string Name => "netmq";

    /// <summary>
    /// NetMQ's CURVE (it talks to libzmq's). NetMQ has no ZAP, so it cannot check who connects: an IronHouse socket is
    /// refused, never made less secure.
    /// </summary>
    private static void ApplyCurve(SocketOptions options, CurveSpec curve)
    {
        if (curve.Authorizer is not null)
            throw new NotSupportedException("IronHouse needs ZAP to check each sender's public key, and the NetMQ transport has no ZAP; use the native transport (libzmq) or StoneHouse.");
        var certificate = NetMQCertificate.CreateFromSecretKey(Security.CurveKeys.ToBytes(curve.Keys.SecretKey));
        if (curve.Server)
        {
            options.CurveServer = true;
            options.CurveCertificate = certificate;
        }
        else
        {
            options.CurveCertificate = certificate;
            options.CurveServerKey = Security.CurveKeys.ToBytes(curve.ServerKey!);
        }
    }

    /// <inheritdoc />
    public ITransportSocket CreateSocket(SocketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        NetMQSocket socket = spec.Kind switch
        {
            SocketKind.Pair => new PairSocket(),
            SocketKind.Req => new RequestSocket(),
            SocketKind.Rep => new ResponseSocket(),
            SocketKind.Router => new RouterSocket(),
            SocketKind.Dealer => new DealerSocket(),
            SocketKind.Pub => spec.ReportSubscriptions ? new XPublisherSocket() : new PublisherSocket(),
            SocketKind.Sub => new SubscriberSocket(),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, null),
        };
        try
        {
            var o = socket.Options;
            o.Linger = spec.Linger;
            if (spec.Ipv6) o.IPv4Only = false;
            if (spec.SendHighWatermark is { } snd) o.SendHighWatermark = snd;
            if (spec.ReceiveHighWatermark is { } rcv) o.ReceiveHighWatermark = rcv;
            if (spec.HeartbeatInterval is { } ivl && ivl > TimeSpan.Zero)
            {
                o.HeartbeatInterval = ivl;
                var timeout = spec.HeartbeatTimeout ?? ivl * 3;
                o.HeartbeatTimeout = timeout;
                o.HeartbeatTtl = timeout;
            }
            if (spec.MaxMessageSize > 0) o.MaxMsgSize = spec.MaxMessageSize;
            if (spec.Immediate) o.DelayAttachOnConnect = true;
            // NetMQ cannot cut one connection's buffer when a backlog builds (SocketSpec.BacklogBufferBytes): fixed from the start.
            if ((spec.SendBufferBytes ?? spec.BacklogBufferBytes) is { } sndbuf) o.SendBuffer = sndbuf;
            if ((spec.ReceiveBufferBytes ?? spec.BacklogBufferBytes) is { } rcvbuf) o.ReceiveBuffer = rcvbuf;
            if (spec.Curve is { } curve) ApplyCurve(o, curve);
            o.ReconnectInterval = spec.ReconnectInterval;
            o.ReconnectIntervalMax = spec.ReconnectIntervalMax;
            return new NetMqSocket(socket, spec.Monitor, Gate.GateLimits.For(spec));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
