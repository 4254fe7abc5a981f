using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGearSharp;

/// <summary>
/// An n-dimensional array like a NumPy array: an element type, a shape (<c>[h, w]</c> or <c>[h, w, c]</c> for images;
/// any rank, <c>[n]</c> or <c>[]</c> too, and dimensions of 0 for an empty array) and C-order bytes. Frames received by a client hold pooled memory (or, with the native transport, the received
/// message itself): dispose them (or the packet) when done.
/// </summary>
public sealed class Frame : IDisposable
{
    private readonly int[] _shape;
    private byte[]? _buffer;
    /// <summary>Memory the frame owns instead of an array (a received message, no copy); disposed with the frame.</summary>
    private MemoryManager<byte>? _owned;
    private readonly int _length;
    private readonly bool _pooled;

    private Frame(ElementType type, int[] shape, byte[] buffer, int length, bool pooled)
    {
        ElementType = type;
        _shape = shape;
        _buffer = buffer;
        _length = length;
        _pooled = pooled;
    }

    private Frame(ElementType type, int[] shape, MemoryManager<byte> owned, int length)
    {
        ElementType = type;
        _shape = shape;
        _owned = owned;
        _length = length;
    }

    /// <summary>
    /// The most dimensions a frame may have: 32, the limit of NumPy 1 (a VidGear client on it cannot make an array of
    /// more), to which this library's clients hold too. Creating a frame of more throws <see cref="ArgumentException"/>.
    /// </summary>
    public const int MaxDimensions = 32;

    /// <summary>The element type.</summary>
    public ElementType ElementType { get; }

    /// <summary>The shape, outermost dimension first (C order).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Rows: the first dimension (0 for a rank-0 frame).</summary>
    public int Height => _shape.Length > 0 ? _shape[0] : 0;

    /// <summary>Columns: the second dimension (1 for a rank-1 frame).</summary>
    public int Width => _shape.Length > 1 ? _shape[1] : 1;

    /// <summary>Channels: the product of the dimensions after the second (1 for a 2-D frame).</summary>
    public int Channels
    {
        get
        {
            var c = 1;
            for (var i = 2; i < _shape.Length; i++) c *= _shape[i];
            return c;
        }
    }

    /// <summary>
    /// Whether the frame is an image: <c>[h, w]</c> or <c>[h, w, c]</c> with at least one row, column and channel. Other
    /// arrays are frames too (a server may send 1-D scores or coordinates, a 0-D value, or an empty array, as NumPy
    /// has them); viewers skip them.
    /// </summary>
    public bool IsImage => _shape.Length is 2 or 3 && _length > 0;

    /// <summary>The number of bytes of the C-order data.</summary>
    public int Length => _length;

    /// <summary>The C-order bytes.</summary>
    /// <exception cref="ObjectDisposedException">The frame was disposed.</exception>
    public Span<byte> Data => Volatile.Read(ref _owned) is { } owned ? owned.GetSpan()[.._length] : Buffer.AsSpan(0, _length);

    /// <summary>The C-order bytes as memory.</summary>
    public Memory<byte> Memory => Volatile.Read(ref _owned) is { } owned ? owned.Memory[.._length] : Buffer.AsMemory(0, _length);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Frame));

    /// <summary>The data viewed as elements of <typeparamref name="T"/> (which must match the element size).</summary>
    public Span<T> AsSpan<T>() where T : unmanaged
    {
        // The size in memory (bool is 1 byte; Marshal.SizeOf would say 4, its size when marshalled).
        if (Unsafe.SizeOf<T>() != ElementType.SizeOf())
        {
            throw new InvalidOperationException(
                $"Cannot view a {ElementType.WireName()} frame as {typeof(T).Name}: element sizes differ ({ElementType.SizeOf()} vs {Unsafe.SizeOf<T>()} bytes).");
        }
        return MemoryMarshal.Cast<byte, T>(Data);
    }

    /// <summary>Creates a frame that owns <paramref name="data"/> (no copy). Its length must match the shape.</summary>
    /// <exception cref="ArgumentException">The shape is invalid or does not match the data length.</exception>
    public static Frame Wrap(byte[] data, ElementType type, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var expected = CheckedByteLength(type, shape);
        if (expected != data.Length)
        {
            throw new ArgumentException(
                $"Data length {data.Length} does not match shape [{string.Join(", ", shape)}] of {type.WireName()} ({expected} bytes).",
                nameof(data));
        }
        return new Frame(type, (int[])shape.Clone(), data, data.Length, pooled: false);
    }

    /// <summary>Creates a frame from a copy of C-order <paramref name="data"/>.</summary>
    public static Frame Copy(ReadOnlySpan<byte> data, ElementType type, params int[] shape)
    {
        var expected = CheckedByteLength(type, shape);
        if (expected != data.Length)
        {
            throw new ArgumentException(
                $"Data length {data.Length} does not match shape [{string.Join(", ", shape)}] of {type.WireName()} ({expected} bytes).",
                nameof(data));
        }
        var frame = Allocate(type, shape);
        data.CopyTo(frame.Data);
        return frame;
    }

    /// <summary>Creates a frame of elements of <typeparamref name="T"/> from a copy of <paramref name="values"/>.</summary>
    public static Frame FromArray<T>(ReadOnlySpan<T> values, ElementType type, params int[] shape) where T : unmanaged
        => Copy(MemoryMarshal.AsBytes(values), type, shape);

    /// <summary>
    /// Creates a frame from a copy of <paramref name="values"/>, its element type inferred from <typeparamref name="T"/>
    /// (<c>byte</c> → uint8, <c>ushort</c> → uint16, <c>float</c> → float32, …; see <see cref="ElementTypes.Of{T}"/>).
    /// </summary>
    /// <example><code>using var depth = Frame.FromArray(new ushort[480 * 640], [480, 640]); // a 16-bit frame</code></example>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no NumPy element type, or the length does not match the shape.</exception>
    public static Frame FromArray<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged
        => FromArray(values, ElementTypes.Of<T>(), shape);

    /// <summary>Creates a frame from a copy of <paramref name="values"/>, its element type inferred from <typeparamref name="T"/>; see <see cref="FromArray{T}(ReadOnlySpan{T}, int[])"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no NumPy element type, or the length does not match the shape.</exception>
    public static Frame FromArray<T>(T[] values, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromArray(new ReadOnlySpan<T>(values), ElementTypes.Of<T>(), shape);
    }

    /// <summary>
    /// Makes a contiguous frame from a strided (non-contiguous) view, as NumPy's <c>ascontiguousarray</c> does.
    /// </summary>
    /// <param name="source">The memory the view points into.</param>
    /// <param name="offset">Byte offset of the first element.</param>
    /// <param name="type">Element type.</param>
    /// <param name="shape">Shape of the view.</param>
    /// <param name="strides">Byte stride of each dimension (may be larger than the packed stride).</param>
    public static Frame FromStrided(ReadOnlySpan<byte> source, int offset, ElementType type, int[] shape, int[] strides)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(strides);
        if (strides.Length != shape.Length)
            throw new ArgumentException($"strides has {strides.Length} entries but shape has {shape.Length}; they must match.", nameof(strides));
        var frame = Allocate(type, shape);
        if (frame.Length == 0) return frame;
        var elem = type.SizeOf();
        var dst = frame.Data;
        var index = new int[shape.Length];
        var written = 0;
        while (written < dst.Length)
        {
            long src = offset;
            for (var d = 0; d < shape.Length; d++) src += (long)index[d] * strides[d];
            if (src < 0 || src + elem > source.Length)
                throw new ArgumentException($"The view reaches byte {src + elem}, outside the source of {source.Length} bytes.", nameof(strides));
            source.Slice((int)src, elem).CopyTo(dst.Slice(written, elem));
            written += elem;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return frame;
    }

    /// <summary>Allocates a frame of the given type and shape from the shared buffer pool (contents unspecified).</summary>
    public static Frame Allocate(ElementType type, params int[] shape)
    {
        var length = CheckedByteLength(type, shape);
        var buffer = length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length);
        return new Frame(type, (int[])shape.Clone(), buffer, length, pooled: length > 0);
    }

    /// <summary>Takes ownership of an already validated pooled buffer (receive path).</summary>
    internal static Frame FromPooled(ElementType type, int[] shape, byte[] buffer, int length)
        => new(type, shape, buffer, length, pooled: true);

    /// <summary>Takes ownership of a buffer that is pooled or not (received frames: see Codecs.FrameBuffers).</summary>
    internal static Frame FromBuffer(ElementType type, int[] shape, byte[] buffer, int length, bool pooled)
        => new(type, shape, buffer, length, pooled);

    /// <summary>Takes ownership of memory that is not an array (a received message: receive path, no copy).</summary>
    internal static Frame FromOwned(ElementType type, int[] shape, MemoryManager<byte> owned, int length)
        => new(type, shape, owned, length);

    /// <summary>Computes the byte length of a frame, throwing on negative dimensions or overflow.</summary>
    internal static int CheckedByteLength(ElementType type, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException(nameof(type), type, $"Unknown element type; allowed: {ElementTypes.AllowedNames}.");
        if (shape.Length > MaxDimensions)
            throw new ArgumentException($"Shape has {shape.Length} dimensions; a frame has at most {MaxDimensions} (NumPy's limit, which clients hold to).", nameof(shape));
        long total = type.SizeOf();
        foreach (var dim in shape)
        {
            if (dim < 0) throw new ArgumentException($"Shape [{string.Join(", ", shape)}] has a negative dimension; dimensions must be 0 or more.", nameof(shape));
            total *= dim;
            if (total > Array.MaxLength) throw new ArgumentException($"Shape [{string.Join(", ", shape)}] of {type.WireName()} is larger than {Array.MaxLength} bytes.", nameof(shape));
        }
        return (int)total;
    }

    /// <summary>Returns the frame's memory to the pool. The frame cannot be used afterwards.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null && _pooled) ArrayPool<byte>.Shared.Return(buffer);
        ((IDisposable?)Interlocked.Exchange(ref _owned, null))?.Dispose();
    }

    /// <summary>The element type and shape as NumPy names them, e.g. <c>uint8 [480, 640, 3]</c> or <c>float32 [4]</c>.</summary>
    public string Description => $"{ElementType.WireName()} [{string.Join(", ", _shape)}]";

    /// <inheritdoc />
    public override string ToString() => $"Frame {Description} ({_length} bytes)";
}
