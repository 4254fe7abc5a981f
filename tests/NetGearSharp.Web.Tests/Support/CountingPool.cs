using System.Buffers;

namespace NetGearSharp.Web.Tests.Support;

/// <summary>
/// An array pool that hands out new arrays and counts how often each one came back. A returned array is scribbled on
/// (every byte <see cref="Poison"/>), as the pool's next renter would: whoever still read it would see that.
/// </summary>
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

    /// <summary>What a returned array is filled with.</summary>
    public const byte Poison = 0xEE;

    public override void Return(byte[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        Array.Fill(array, Poison);
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
