using NetGearSharp.Client;

using static NetGearSharp.Tests.Support.ReqMessages;

namespace NetGearSharp.Tests.Support;

/// <summary>
/// A client on an in-memory transport and REQ JPEG servers that stream, as the test plays them: each encodes its next
/// frame for a while once answered, then sends it. The encodes are sent by one thread of the test's own, not by
/// thread-pool timers: the test host (vstest and xunit) blocks two of the pool's first three threads, so until the
/// pool adds threads such timers ran up to 850 ms late (docs/performance.md, thirty-third session), past the client's
/// grant lapse. The client's idle gap is lengthened to 2 s, so that the encodes count as streaming (a server whose
/// frame comes 10 ms or more after its answer counts as paced).
/// </summary>
internal sealed class StreamingJpegServers : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly PriorityQueue<(byte[][] Frame, Action? Taken), long> _due = new();
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _encoder;
    private readonly Dictionary<int, byte[][][]> _pictures;

    private StreamingJpegServers(int[] ports, int processors, bool onThisMachine, int framesEach, int? queueCapacity)
    {
        var transport = new InMemoryTransport { WakeUps = true };
        // Unless asked otherwise, room for every frame of every server, so the queue never holds a server back.
        var options = new NetGearClientOptions
        {
            Ports = ports, CustomTransport = transport, AutoExit = false, JpegDecodeThreads = 2, QueueCapacity = queueCapacity ?? framesEach,
        };
        Client = new NetGearClient(ClientSettings.From(options, processors) with { GrantIdleGap = TimeSpan.FromSeconds(2) });
        Socket = Assert.Single(transport.Sockets);
        foreach (var port in ports) Socket.Accept(port, onThisMachine);
        _pictures = ports.ToDictionary(p => p, p => Enumerable.Range(0, framesEach).Select(n => JpegFrame(p, n, 64, 48)).ToArray());
        _encoder = new Thread(Encode) { IsBackground = true, Name = "test servers" };
    }

    /// <summary>The client, with a JPEG decode worker per processor up to 2 (as on the machines the rules were measured on).</summary>
    public NetGearClient Client { get; }

    /// <summary>The client's socket: answers come out of it (<see cref="InMemorySocket.Sent"/>).</summary>
    public InMemorySocket Socket { get; }

    /// <summary>
    /// A client for a machine of <paramref name="processors"/> processors whose servers on <paramref name="ports"/> are
    /// connected (from this machine or elsewhere), each with <paramref name="framesEach"/> frames to send; the client
    /// queues <paramref name="queueCapacity"/> frames per server (default: all of them).
    /// </summary>
    public static StreamingJpegServers Start(int[] ports, int processors, bool onThisMachine, int framesEach, int? queueCapacity = null)
    {
        var servers = new StreamingJpegServers(ports, processors, onThisMachine, framesEach, queueCapacity);
        Assert.True(SpinWait.SpinUntil(() => ports.All(p => servers.Client.GetServer(p)!.Connections == 1), Wait), "the connections were not seen");
        servers._encoder.Start();
        return servers;
    }

    /// <summary>The frame number <paramref name="n"/> (from 0) of the server on <paramref name="port"/>.</summary>
    public byte[][] Frame(int port, int n) => _pictures[port][n];

    /// <summary>Every server's first frame, sent at once (unasked, as servers send theirs when they start).</summary>
    public void SendFirstFrames()
    {
        foreach (var frames in _pictures.Values) Socket.Deliver(frames[0]);
    }

    /// <summary>
    /// A server encodes <paramref name="frame"/> for <paramref name="encode"/>, then sends it; <paramref name="taken"/>
    /// runs as the encode ends, just before the frame goes.
    /// </summary>
    public void EncodeThenSend(byte[][] frame, TimeSpan encode, Action? taken = null)
    {
        lock (_gate) _due.Enqueue((frame, taken), Environment.TickCount64 + (long)encode.TotalMilliseconds);
    }

    /// <summary>Receives <paramref name="count"/> packets, failing if one does not come in time.</summary>
    public async Task ReceiveAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var packet = await Client.ReceiveAsync(Wait);
            Assert.NotNull(packet);
        }
    }

    private void Encode()
    {
        while (!_stop.IsCancellationRequested)
        {
            (byte[][] Frame, Action? Taken)? next = null;
            lock (_gate)
            {
                if (_due.TryPeek(out var encoded, out var at) && at <= Environment.TickCount64) next = _due.Dequeue();
            }
            if (next is { } sent)
            {
                sent.Taken?.Invoke();
                Socket.Deliver(sent.Frame);
            }
            else Thread.Sleep(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_encoder.IsAlive) _encoder.Join(Wait);
        await Client.DisposeAsync();
        _stop.Dispose();
    }
}
