namespace NetGearSharp.Bench;

/// <summary>Collects latencies in a preallocated array (no allocation per sample) and reports percentiles.</summary>
internal sealed class LatencyRecorder
{
    private double[] _samples;
    private int _count;

    public LatencyRecorder(int capacity) => _samples = new double[capacity];

    public int Count => _count;

    public void Clear() => _count = 0;

    public void Add(double milliseconds)
    {
        if (_count == _samples.Length) Array.Resize(ref _samples, _samples.Length * 2);
        _samples[_count++] = milliseconds;
    }

    /// <summary>The <paramref name="percentile"/> (0-100) by nearest rank; NaN without samples. Sorts the samples.</summary>
    public double Percentile(double percentile)
    {
        if (_count == 0) return double.NaN;
        Array.Sort(_samples, 0, _count);
        var rank = (int)Math.Ceiling(percentile / 100.0 * _count) - 1;
        return _samples[Math.Clamp(rank, 0, _count - 1)];
    }
}
