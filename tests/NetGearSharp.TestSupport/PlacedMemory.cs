using System.Buffers;
using System.Runtime.InteropServices;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.TestSupport;

/// <summary>Native memory whose bytes start at a chosen offset into a page; freed when disposed.</summary>
internal sealed unsafe class PlacedMemory : MemoryManager<byte>
{
    private readonly int _length;
    private byte* _base;

    public PlacedMemory(int length, int pageOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(pageOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pageOffset, CopyAlignment.Page);
        _length = length;
        _base = (byte*)NativeMemory.AlignedAlloc((nuint)length + CopyAlignment.Page, CopyAlignment.Page);
        Start = _base + pageOffset;
    }

    /// <summary>Where the bytes start.</summary>
    public byte* Start { get; }

    public override Span<byte> GetSpan() => new(Start, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(Start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_base is null) return;
        NativeMemory.AlignedFree(_base);
        _base = null;
    }
}
