using System.Diagnostics;

namespace NetGearSharp.Nats.Source;

/// <summary>Frames and bytes over the last second, in ten 100 ms slots (monotonic clock). Not thread-safe.</summary>
internal sealed class RateWindow
{
    private const int Slots = 10;
    private static readonly long SlotTicks = Stopwatch.Frequency / 10;
    private readonly long[] _counts = new long[Slots];
    private readonly long[] _bytes = new long[Slots];
    private long _current;

    public void Add(long timestamp, long bytes)
    {
        Advance(timestamp);
        var i = (int)(_current % Slots);
        _counts[i]++;
        _bytes[i] += bytes;
    }

    public (double PerSecond, double BytesPerSecond) Rates(long timestamp)
    {
        Advance(timestamp);
        return (_counts.Sum(), _bytes.Sum());
    }

    private void Advance(long timestamp)
    {
        var slot = timestamp / SlotTicks;
        if (slot <= _current) return;
        var steps = Math.Min(slot - _current, Slots);
        for (var s = 1; s <= steps; s++)
        {
            var i = (int)((_current + s) % Slots);
            _counts[i] = 0;
            _bytes[i] = 0;
        }
        _current = slot;
    }
}
