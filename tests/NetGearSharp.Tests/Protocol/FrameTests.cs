namespace NetGearSharp.Tests.Protocol;

public class FrameTests
{
    [Fact]
    public void WrapChecksTheLengthAgainstTheShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Frame.Wrap(new byte[10], ElementType.UInt16, 2, 3));
        Assert.Contains("Data length 10 does not match shape [2, 3] of uint16 (12 bytes)", ex.Message);
    }

    [Fact]
    public void NegativeAndOverflowingShapesAreRejected()
    {
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => Frame.Allocate(ElementType.UInt8, 2, -3)).Message);
        Assert.Contains("larger than", Assert.Throws<ArgumentException>(() => Frame.Allocate(ElementType.Float64, 100000, 100000)).Message);
    }

    [Fact]
    public void DimensionsAndTypedViews()
    {
        using var frame = Frame.FromArray<float>(new float[] { 1, 2, 3, 4, 5, 6 }, ElementType.Float32, 1, 2, 3);
        Assert.Equal(1, frame.Height);
        Assert.Equal(2, frame.Width);
        Assert.Equal(3, frame.Channels);
        Assert.Equal(6f, frame.AsSpan<float>()[5]);
        Assert.Throws<InvalidOperationException>(() => frame.AsSpan<double>().Length);
    }

    [Fact]
    public void DisposedFrameCannotBeRead()
    {
        var frame = Frame.Allocate(ElementType.UInt8, 2, 2);
        frame.Dispose();
        Assert.Throws<ObjectDisposedException>(() => frame.Data.Length);
        frame.Dispose(); // twice is fine
    }
}
