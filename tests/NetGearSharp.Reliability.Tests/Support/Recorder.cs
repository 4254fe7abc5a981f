using System.Diagnostics;

namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>
/// An in-process client plus a reader that drains it, recording per server the <c>n</c> of every message and every
/// state change with a monotonic timestamp. Dispose stops the reader and the client (bounded).
/// </summary>
public sealed class Recorder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<int, List<long>> _sequences = new();
    private readonly List<(long Ticks, ServerEventArgs Event)> _events = [];
    private readonly Task _reader;
    private readonly TimeSpan _consumerDelay;

    public Recorder(NetGearClientOptions options, TimeSpan consumerDelay = default)
    {
        _consumerDelay = consumerDelay;
        Client = new NetGearClient(options);
        foreach (var port in Client.Ports) _sequences[port] = [];
        Client.ServerStateChanged += (_, e) => { lock (_events) _events.Add((Stopwatch.GetTimestamp(), e)); };
        _reader = Task.Factory.StartNew(ReadAsync, TaskCreationOptions.LongRunning).Unwrap();
    }

    public NetGearClient Client { get; }

    /// <summary>Called for every packet before it is disposed (on the reader).</summary>
    public Action<NetGearPacket>? OnPacket { get; init; }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var packet in Client.ReadAllAsync(_stop.Token))
            {
                using (packet)
                {
                    var n = packet.Message is { } m && m.ValueKind == System.Text.Json.JsonValueKind.Object && m.TryGetProperty("n", out var nv) ? nv.GetInt64() : -1;
                    lock (_sequences) _sequences[packet.Port].Add(n);
                    OnPacket?.Invoke(packet);
                }
                if (_consumerDelay > TimeSpan.Zero) await Task.Delay(_consumerDelay, _stop.Token);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The reader's task: completes when the client ends (or on dispose).</summary>
    public Task Reader => _reader;

    public long Count(int port)
    {
        lock (_sequences) return _sequences[port].Count;
    }

    public long[] Sequence(int port)
    {
        lock (_sequences) return _sequences[port].ToArray();
    }

    public IReadOnlyList<(long Ticks, ServerEventArgs Event)> Events
    {
        get { lock (_events) return _events.ToArray(); }
    }

    /// <summary>Waits until <paramref name="port"/> changes to <paramref name="state"/> at or after <paramref name="sinceTicks"/>; returns when (Stopwatch ticks).</summary>
    public async Task<long> WaitForStateAsync(int port, ServerState state, long sinceTicks, TimeSpan timeout)
    {
        var name = port;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            foreach (var (ticks, e) in Events)
            {
                if (e.Port == name && e.Current == state && ticks >= sinceTicks) return ticks;
            }
            await Task.Delay(5);
        }
        throw new TimeoutException($"Server {port} did not become {state} within {timeout}. Events: {DescribeEvents()}; servers: {string.Join("; ", Client.Servers)}");
    }

    /// <summary>Waits until every given port has delivered at least <paramref name="frames"/> frames.</summary>
    public async Task WaitForFramesAsync(IEnumerable<int> ports, long frames, TimeSpan timeout)
    {
        var list = ports.ToArray();
        using var cts = new CancellationTokenSource(timeout);
        while (!list.All(p => Count(p) >= frames))
        {
            if (cts.IsCancellationRequested)
                throw new TimeoutException($"Not every server delivered {frames} frames within {timeout}: {string.Join(", ", list.Select(p => $"{p}={Count(p)}"))}. Events: {DescribeEvents()}");
            await Task.Delay(20);
        }
    }

    public string DescribeEvents() => string.Join(", ", Events.Select(e => $"{e.Event.Port}:{e.Event.Previous}->{e.Event.Current}"));

    public static double Seconds(long fromTicks, long toTicks) => (toTicks - fromTicks) / (double)Stopwatch.Frequency;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Client.DisposeAsync();
        try { await _reader.WaitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
