namespace NetGearSharp.Tests.Protocol;

public class FrameTests
{
    [Fact]
    public void A_bool_frame_can_be_viewed_as_bools()
    {
        using var frame = Frame.FromArray(new[] { true, false, true, true, false, false }, [2, 3]);
        Assert.Equal(ElementType.Bool, frame.ElementType);
        Assert.Equal([true, false, true, true, false, false], frame.AsSpan<bool>().ToArray());
        Assert.Throws<InvalidOperationException>(() => frame.AsSpan<int>());
    }

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
    public void A_shape_of_more_than_32_dimensions_is_refused_naming_its_count()
    {
        using var most = Frame.Allocate(ElementType.UInt8, Enumerable.Repeat(1, Frame.MaxDimensions).ToArray());
        Assert.Equal(32, most.Rank);
        var tooMany = Enumerable.Repeat(1, 33).ToArray();
        foreach (var make in new Func<Frame>[]
        {
            () => Frame.Allocate(ElementType.UInt8, tooMany),
            () => Frame.Wrap(new byte[1], ElementType.UInt8, tooMany),
            () => Frame.FromArray(new byte[1], tooMany),
        })
        {
            var error = Assert.Throws<ArgumentException>(make);
            Assert.Equal("shape", error.ParamName);
            Assert.Contains("33 dimensions", error.Message);
            Assert.Contains("at most 32", error.Message);
        }
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

    [Fact]
    public void FromArrayInfersTheElementType()
    {
        using var depth = Frame.FromArray(new ushort[] { 1, 2, 3, 4, 5, 65535 }, [2, 3]);
        Assert.Equal(ElementType.UInt16, depth.ElementType);
        Assert.Equal([2, 3], depth.Shape);
        Assert.Equal(65535, depth.AsSpan<ushort>()[5]);
        using var floats = Frame.FromArray(new float[] { 1.5f, 2.5f }, [1, 2]);
        Assert.Equal(ElementType.Float32, floats.ElementType);
        using var bytes = Frame.FromArray(new byte[12], [2, 2, 3]);
        Assert.Equal(ElementType.UInt8, bytes.ElementType);
        Assert.Equal(ElementType.Float16, ElementTypes.Of<Half>());
        Assert.Equal(ElementType.Bool, ElementTypes.Of<bool>());
        Assert.Equal(ElementType.Int64, ElementTypes.Of<long>());
        Assert.Contains("Decimal has no NumPy element type", Assert.Throws<ArgumentException>(() => Frame.FromArray(new decimal[1], [1])).Message);
        Assert.Throws<ArgumentException>(() => Frame.FromArray(new int[5], [2, 3]));
    }
}
