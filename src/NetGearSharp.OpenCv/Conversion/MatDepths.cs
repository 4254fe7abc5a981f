using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>Maps frame element types to OpenCV depths and back.</summary>
public static class MatDepths
{
    /// <summary>The OpenCV depth (<c>CV_8U</c> ...) of an element type.</summary>
    /// <exception cref="ArgumentException">OpenCV 4 has no depth for the type (uint32, int64, uint64).</exception>
    public static int ToDepth(ElementType type) => type switch
    {
        ElementType.UInt8 or ElementType.Bool => MatType.CV_8U,
        ElementType.Int8 => MatType.CV_8S,
        ElementType.UInt16 => MatType.CV_16U,
        ElementType.Int16 => MatType.CV_16S,
        ElementType.Int32 => MatType.CV_32S,
        ElementType.Float16 => MatType.CV_16F,
        ElementType.Float32 => MatType.CV_32F,
        ElementType.Float64 => MatType.CV_64F,
        _ => throw new ArgumentException(
            $"Element type {type.ToString().ToLowerInvariant()} has no OpenCV 4 depth; allowed: uint8, int8, uint16, int16, int32, float16, float32, float64, bool.", nameof(type)),
    };

    /// <summary>The element type of an OpenCV depth.</summary>
    /// <exception cref="ArgumentException">The depth is not one of the known depths.</exception>
    public static ElementType ToElementType(int depth) => depth switch
    {
        MatType.CV_8U => ElementType.UInt8,
        MatType.CV_8S => ElementType.Int8,
        MatType.CV_16U => ElementType.UInt16,
        MatType.CV_16S => ElementType.Int16,
        MatType.CV_32S => ElementType.Int32,
        MatType.CV_16F => ElementType.Float16,
        MatType.CV_32F => ElementType.Float32,
        MatType.CV_64F => ElementType.Float64,
        _ => throw new ArgumentException($"OpenCV depth {depth} is not supported; allowed: CV_8U, CV_8S, CV_16U, CV_16S, CV_32S, CV_16F, CV_32F, CV_64F.", nameof(depth)),
    };

    /// <summary>The Mat type (depth and channels) that holds a frame, and its rows and columns.</summary>
    /// <exception cref="ArgumentException">The frame's rank is not 1, 2 or 3, or its type has no OpenCV depth.</exception>
    public static (int Rows, int Cols, MatType Type) Describe(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Rank is < 1 or > 3)
            throw new ArgumentException($"A frame of rank {frame.Rank} (shape [{string.Join(", ", frame.Shape)}]) cannot become a Mat; allowed ranks: 1, 2 ([h, w]) and 3 ([h, w, c]).", nameof(frame));
        var channels = frame.Rank == 3 ? frame.Shape[2] : 1;
        if (channels is < 1 or > 512)
            throw new ArgumentException($"A frame with {channels} channels cannot become a Mat; allowed: 1-512.", nameof(frame));
        return (frame.Height, frame.Width, MatType.MakeType(ToDepth(frame.ElementType), channels));
    }
}
