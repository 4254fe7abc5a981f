namespace NetGearSharp.Modes.Tests.Support;

/// <summary>Small frames whose content says which one they are.</summary>
public static class TestFrames
{
    /// <summary>A 48x64x3 uint8 frame filled with <paramref name="value"/> (as the Python scripts make them).</summary>
    public static Frame Filled(byte value, int height = 48, int width = 64)
    {
        var frame = Frame.Allocate(ElementType.UInt8, height, width, 3);
        frame.Data.Fill(value);
        return frame;
    }

    /// <summary>The sum of a uint8 frame's bytes.</summary>
    public static long Sum(Frame frame)
    {
        long sum = 0;
        foreach (var b in frame.Data) sum += b;
        return sum;
    }
}
