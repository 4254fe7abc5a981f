namespace NetGearSharp.Reliability.Tests.Fuzzing;

/// <summary>In-process servers, each on its own thread, sending <c>frames</c> frames with <c>{"n": sequence}</c>, then goodbye.</summary>
public sealed class GoodServers : IDisposable
{
    private readonly List<Thread> _threads = [];
    private readonly List<Exception> _errors = [];
    private readonly CancellationTokenSource _stop = new();

    public GoodServers(IEnumerable<int> ports, NetGearPattern pattern, long frames, TimeSpan period, int size = 16, Func<long, object>? message = null,
        bool heartbeats = true)
    {
        foreach (var port in ports)
        {
            var thread = new Thread(() => Run(port, pattern, frames, period, size, message ?? (n => new { n }), heartbeats)) { IsBackground = true, Name = $"good server {port}" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    public IReadOnlyList<Exception> Errors { get { lock (_errors) return _errors.ToArray(); } }

    /// <summary>Frames sent per port so far.</summary>
    public Dictionary<int, long> Sent { get; } = [];

    private void Run(int port, NetGearPattern pattern, long frames, TimeSpan period, int size, Func<long, object> message, bool heartbeats)
    {
        try
        {
            using var server = new NetGearServer(new NetGearServerOptions { Transport = TransportKind.NetMq, Address = "127.0.0.1", Port = port, Pattern = pattern, HeartbeatInterval = heartbeats ? TimeSpan.FromSeconds(1) : TimeSpan.Zero });
            using var frame = Frame.Allocate(ElementType.UInt8, size, size, 3);
            for (long n = 0; (frames < 0 || n < frames) && !_stop.IsCancellationRequested; n++)
            {
                frame.Data.Fill((byte)n);
                server.Send(frame, message(n), _stop.Token);
                lock (Sent) Sent[port] = n + 1;
                if (period > TimeSpan.Zero) _stop.Token.WaitHandle.WaitOne(period);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            lock (_errors) _errors.Add(ex);
        }
    }

    /// <summary>Waits for every server to finish its frames and say goodbye.</summary>
    public bool Join(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        return _threads.All(t => t.Join(Max(deadline - DateTime.UtcNow)));
    }

    private static TimeSpan Max(TimeSpan t) => t > TimeSpan.Zero ? t : TimeSpan.Zero;

    public void Dispose()
    {
        _stop.Cancel();
        Join(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
