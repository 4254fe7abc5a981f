namespace NetGearSharp;

/// <summary>The element type of a frame, as NumPy names it on the wire (<c>dtype</c>).</summary>
public enum ElementType
{
    /// <summary>Unsigned 8-bit integer (<c>uint8</c>), the usual image type.</summary>
    UInt8,
    /// <summary>Signed 8-bit integer (<c>int8</c>).</summary>
    Int8,
    /// <summary>Unsigned 16-bit integer (<c>uint16</c>).</summary>
    UInt16,
    /// <summary>Signed 16-bit integer (<c>int16</c>).</summary>
    Int16,
    /// <summary>Unsigned 32-bit integer (<c>uint32</c>).</summary>
    UInt32,
    /// <summary>Signed 32-bit integer (<c>int32</c>).</summary>
    Int32,
    /// <summary>Unsigned 64-bit integer (<c>uint64</c>).</summary>
    UInt64,
    /// <summary>Signed 64-bit integer (<c>int64</c>).</summary>
    Int64,
    /// <summary>IEEE half-precision float (<c>float16</c>).</summary>
    Float16,
    /// <summary>IEEE single-precision float (<c>float32</c>).</summary>
    Float32,
    /// <summary>IEEE double-precision float (<c>float64</c>).</summary>
    Float64,
    /// <summary>One byte per element, 0 or 1 (<c>bool</c>).</summary>
    Bool,
}
