using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Transport.NetMq;

/// <summary>The NetMQ (pure managed ZeroMQ) transport, with pooled message buffers.</summary>
internal sealed class NetMqTransport : ITransport
{
    public static NetMqTransport Instance { get; } = new();

    private NetMqTransport()
    {
        // Pooled buffers make NetMQ several times faster for frame-sized messages than its default GC buffers.
        BufferPool.SetBufferManagerBufferPool(1024L * 1024 * 1024, LargeBufferReclaimer.LargePart);
        EnsureThreadPoolHeadroom();
    }

    /// <summary>
    /// NetMQ completes its socket I/O on thread-pool threads. Programs that block pool threads (a server loop in
    /// Task.Run, a synchronous Receive) would otherwise starve it: replies arrive seconds late and retries fire.
    /// Raising the pool's minimum lets it add threads at once instead of one every half second.
    /// </summary>
    private static void EnsureThreadPoolHeadroom()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = Math.Max(32, Environment.ProcessorCount * 4);
        if (workers < wanted || io < wanted) ThreadPool.SetMinThreads(Math.Max(workers, wanted), Math.Max(io, wanted));
    }

    public string Name => "netmq";

    public ITransportSocket CreateSocket(SocketSpec spec)
    {
        NetMQSocket socket = spec.Kind switch
        {
            SocketKind.Pair => new PairSocket(),
            SocketKind.Req => new RequestSocket(),
            SocketKind.Rep => new ResponseSocket(),
            SocketKind.Router => new RouterSocket(),
            SocketKind.Dealer => new DealerSocket(),
            SocketKind.Pub => new PublisherSocket(),
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
