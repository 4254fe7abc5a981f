namespace NetGearSharp;

/// <summary>Sizes and wire names of <see cref="ElementType"/> values.</summary>
public static class ElementTypes
{
    private static readonly string[] Names =
    [
        "uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64",
        "float16", "float32", "float64", "bool",
    ];

    private static readonly int[] Sizes = [1, 1, 2, 2, 4, 4, 8, 8, 2, 4, 8, 1];

    /// <summary>The size in bytes of one element.</summary>
    public static int SizeOf(this ElementType type) => Sizes[(int)type];

    /// <summary>The NumPy name of the type, as written in the header's <c>dtype</c> field (<c>uint8</c>, <c>float32</c> ...).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public static string WireName(this ElementType type) => (uint)type < (uint)Names.Length
        ? Names[(int)type]
        : throw new ArgumentOutOfRangeException(nameof(type), type, $"Element type {(int)type} is not one of {AllowedNames}.");

    /// <summary>Parses a NumPy dtype name (also accepts the byte-order prefixed forms <c>&lt;u2</c>, <c>|u1</c> ... and common aliases).</summary>
    /// <returns><c>true</c> when the name is known.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out ElementType type)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i])) { type = (ElementType)i; return true; }
        }
        switch (name)
        {
            case "|u1" or "u1" or "B": type = ElementType.UInt8; return true;
            case "|i1" or "i1" or "b": type = ElementType.Int8; return true;
            case "<u2" or "u2": type = ElementType.UInt16; return true;
            case "<i2" or "i2": type = ElementType.Int16; return true;
            case "<u4" or "u4": type = ElementType.UInt32; return true;
            case "<i4" or "i4": type = ElementType.Int32; return true;
            case "<u8" or "u8": type = ElementType.UInt64; return true;
            case "<i8" or "i8": type = ElementType.Int64; return true;
            case "<f2" or "f2": type = ElementType.Float16; return true;
            case "<f4" or "f4": type = ElementType.Float32; return true;
            case "<f8" or "f8": type = ElementType.Float64; return true;
            case "|b1" or "b1" or "bool_": type = ElementType.Bool; return true;
        }
        type = default;
        return false;
    }

    /// <summary>The element type of the .NET type <typeparamref name="T"/>: <c>byte</c> uint8, <c>sbyte</c> int8, <c>ushort</c> uint16,
    /// <c>short</c> int16, <c>uint</c> uint32, <c>int</c> int32, <c>ulong</c> uint64, <c>long</c> int64, <c>Half</c> float16,
    /// <c>float</c> float32, <c>double</c> float64, <c>bool</c> bool.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is none of these.</exception>
    public static ElementType Of<T>() where T : unmanaged
    {
        var t = typeof(T);
        if (t == typeof(byte)) return ElementType.UInt8;
        if (t == typeof(sbyte)) return ElementType.Int8;
        if (t == typeof(ushort)) return ElementType.UInt16;
        if (t == typeof(short)) return ElementType.Int16;
        if (t == typeof(uint)) return ElementType.UInt32;
        if (t == typeof(int)) return ElementType.Int32;
        if (t == typeof(ulong)) return ElementType.UInt64;
        if (t == typeof(long)) return ElementType.Int64;
        if (t == typeof(Half)) return ElementType.Float16;
        if (t == typeof(float)) return ElementType.Float32;
        if (t == typeof(double)) return ElementType.Float64;
        if (t == typeof(bool)) return ElementType.Bool;
        throw new ArgumentException($"{t.Name} has no NumPy element type; use byte, sbyte, ushort, short, uint, int, ulong, long, Half, float, double or bool.", nameof(T));
    }

    /// <summary>
    /// Why a NumPy dtype <paramref name="name"/> that <see cref="TryParse"/> does not know cannot be read, naming it, for
    /// the header field <paramref name="field"/>: complex numbers and big-endian types have no frame element type.
    /// </summary>
    internal static string Unsupported(string field, string name)
    {
        var why = name.StartsWith('>') ? " (big-endian; send little-endian: a.astype(a.dtype.newbyteorder('<')))"
            : name.StartsWith("complex", StringComparison.Ordinal) || name.TrimStart('<', '|', '=').StartsWith('c') ? " (complex numbers)"
            : "";
        return $"{field} '{name}'{why} is not supported; supported: {AllowedNames}";
    }

    /// <summary>All names accepted by <see cref="TryParse"/> in their canonical form, for error messages.</summary>
    internal static string AllowedNames => string.Join(", ", Names);
}
