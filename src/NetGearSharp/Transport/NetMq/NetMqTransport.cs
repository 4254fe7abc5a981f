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
            if (spec.SendBufferBytes is { } sndbuf) o.SendBuffer = sndbuf;
            if (spec.ReceiveBufferBytes is { } rcvbuf) o.ReceiveBuffer = rcvbuf;
            o.ReconnectInterval = spec.ReconnectInterval;
            o.ReconnectIntervalMax = spec.ReconnectIntervalMax;
            return new NetMqSocket(socket, spec.Monitor);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
