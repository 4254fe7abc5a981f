namespace NetGearSharp.Client;

/// <summary>Counts events and bytes in ten 100 ms slots, giving rates over the last second. Not thread-safe.</summary>
internal sealed class RateMeter
{
    private const int Slots = 10;
    private const long SlotTicks = TimeSpan.TicksPerMillisecond * 100;
    private readonly long[] _counts = new long[Slots];
    private readonly long[] _bytes = new long[Slots];
    private long _currentSlot;

    public void Add(long nowTicks, long bytes)
    {
        Advance(nowTicks);
        var i = (int)(_currentSlot % Slots);
        _counts[i]++;
        _bytes[i] += bytes;
    }

    public (double PerSecond, double BytesPerSecond) Rates(long nowTicks)
    {
        Advance(nowTicks);
        long count = 0, bytes = 0;
        for (var i = 0; i < Slots; i++)
        {
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
            var i = (int)((_currentSlot + s) % Slots);
            _counts[i] = 0;
            _bytes[i] = 0;
        }
        _currentSlot = slot;
    }
}
