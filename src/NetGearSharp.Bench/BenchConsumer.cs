namespace NetGearSharp.Bench;

/// <summary>
/// Consumes every packet on its own thread, as an application would, and counts frames per server, latency
/// (consumption time minus the send time in the message) and frames lost (gaps in each server's sequence <c>n</c>)
/// while measuring. Allocates nothing per frame.
/// </summary>
internal sealed class BenchConsumer : IDisposable
{
    private readonly NetGearClient _client;
    private readonly Dictionary<int, int> _index;
    private readonly long[] _counts;
    private readonly long[] _firstN;
    private readonly long[] _lastN;
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
        _firstN = new long[ports.Length];
        _lastN = new long[ports.Length];
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

    /// <summary>
    /// Frames the servers sent while measuring that never reached the consumer (read after <see cref="StopMeasuring"/>):
    /// per server, the sequence numbers from its first frame consumed to its last, less the frames consumed.
    /// </summary>
    public long Dropped
    {
        get
        {
            lock (_counts)
            {
                long dropped = 0;
                for (var i = 0; i < _counts.Length; i++)
                {
                    if (_firstN[i] >= 0) dropped += _lastN[i] - _firstN[i] + 1 - _counts[i];
                }
                return dropped;
            }
        }
    }

    public void StartMeasuring()
    {
        lock (_counts)
        {
            Array.Clear(_counts);
            Array.Fill(_firstN, -1);
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
                    if (!StampMessage.TryRead(packet.MessageUtf8.Span, out var sent, out var n)) continue;
                    Latencies.Add(now - sent);
                    if (n < 0) continue;
                    if (_firstN[i] < 0) _firstN[i] = n;
                    _lastN[i] = n;
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
