namespace NetGearSharp.Bench;

/// <summary>
/// Consumes every packet on its own thread, as an application would, and counts frames per server and latency
/// (consumption time minus the send time in the message) while measuring. Allocates nothing per frame.
/// </summary>
internal sealed class BenchConsumer : IDisposable
{
    private readonly NetGearClient _client;
    private readonly Dictionary<int, int> _index;
    private readonly long[] _counts;
    private readonly bool[] _seen;
    private readonly Thread _thread;
    private volatile bool _stop;
    private volatile bool _measuring;
    private int _seenCount;
    private long _frames;

    public BenchConsumer(NetGearClient client, int[] ports)
    {
        _client = client;
        _index = ports.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        _counts = new long[ports.Length];
        _seen = new bool[ports.Length];
        Latencies = new LatencyRecorder(1 << 18);
        _thread = new Thread(Run) { IsBackground = true, Name = "bench consumer" };
        _thread.Start();
    }

    public LatencyRecorder Latencies { get; }

    public int ServersSeen => Volatile.Read(ref _seenCount);

    /// <summary>Frames consumed while measuring.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Frames per server while measuring (read after <see cref="StopMeasuring"/>).</summary>
    public long[] Counts => _counts;

    public void StartMeasuring()
    {
        lock (_counts)
        {
            Array.Clear(_counts);
            Latencies.Clear();
            _frames = 0;
            _measuring = true;
        }
    }

    public void StopMeasuring()
    {
        lock (_counts) _measuring = false;
    }

    private void Run()
    {
        while (!_stop)
        {
            var packet = _client.Receive(TimeSpan.FromMilliseconds(100));
            if (packet is null) continue;
            using (packet)
            {
                var now = StampMessage.NowMs();
                if (!_index.TryGetValue(packet.Port, out var i)) continue;
                if (!_seen[i])
                {
                    _seen[i] = true;
                    Interlocked.Increment(ref _seenCount);
                }
                if (!_measuring) continue;
                lock (_counts)
                {
                    if (!_measuring) continue;
                    _counts[i]++;
                    _frames++;
                    if (StampMessage.TryReadTime(packet.MessageUtf8.Span, out var sent)) Latencies.Add(now - sent);
                }
            }
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(2));
    }
}
