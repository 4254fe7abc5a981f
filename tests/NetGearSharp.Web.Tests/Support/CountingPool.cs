using System.Buffers;

namespace NetGearSharp.Web.Tests.Support;

/// <summary>An array pool that hands out new arrays and counts how often each one came back.</summary>
internal sealed class CountingPool : ArrayPool<byte>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], int> _returns = new(ReferenceEqualityComparer.Instance);
    private readonly List<byte[]> _rented = [];

    public override byte[] Rent(int minimumLength)
    {
        var array = new byte[minimumLength];
        lock (_gate) _rented.Add(array);
        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (_gate) _returns[array] = _returns.GetValueOrDefault(array) + 1;
    }

    /// <summary>The arrays rented so far, in order.</summary>
    public IReadOnlyList<byte[]> Rented
    {
        get { lock (_gate) return [.. _rented]; }
    }

    /// <summary>How often <paramref name="array"/> was given back.</summary>
    public int Returns(byte[] array)
    {
        lock (_gate) return _returns.GetValueOrDefault(array);
    }
}
