namespace NetGearSharp.Client;

/// <summary>
/// Counts events and bytes in 100 ms slots, giving rates over the last ten completed slots: exactly one second, ending
/// where the current slot began. The slot still filling is not counted, so a steady 15 frames/s reads 15, not the 13.5-15
/// that a window of nine whole slots and a part of one would give. Not thread-safe.
/// </summary>
internal sealed class RateMeter
{
    private const int Window = 10;
    private const int Slots = Window + 1;
    private const long SlotTicks = TimeSpan.TicksPerMillisecond * 100;
    private readonly long[] _counts = new long[Slots];
    private readonly long[] _bytes = new long[Slots];
    private long _currentSlot;

    public void Add(long nowTicks, long bytes)
    {
        Advance(nowTicks);
        var i = Index(_currentSlot);
        _counts[i]++;
        _bytes[i] += bytes;
    }

    public (double PerSecond, double BytesPerSecond) Rates(long nowTicks)
    {
        Advance(nowTicks);
        long count = 0, bytes = 0;
        for (var back = 1; back <= Window; back++)
        {
            var i = Index(_currentSlot - back);
            count += _counts[i];
            bytes += _bytes[i];
        }
        return (count, bytes);
    }

    private void Advance(long nowTicks)
    {
        var slot = nowTicks / SlotTicks;
        if (slot <= _currentSlot) return;
        var steps = Math.Min(slot - _currentSlot, Slots);
        for (var s = 1; s <= steps; s++)
        {
            var i = Index(_currentSlot + s);
            _counts[i] = 0;
            _bytes[i] = 0;
        }
        _currentSlot = slot;
    }

    private static int Index(long slot) => (int)(((slot % Slots) + Slots) % Slots);
}
