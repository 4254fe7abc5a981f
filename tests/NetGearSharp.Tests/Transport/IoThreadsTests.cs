using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>The native transport's I/O thread count: one per processor (at most 4) unless its options say otherwise.</summary>
public class IoThreadsTests
{
    [Fact]
    public void TheDefaultIsOnePerProcessorUpToFour()
    {
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 4), IoThreads.Default);
        Assert.Equal(IoThreads.Default, NativeTransport.Default.IoThreadCount);
    }

    [Fact]
    public void AnOptionFromOneTo64IsTaken()
    {
        using var transport = new NativeTransport(new NativeTransportOptions { IoThreads = 3 });
        Assert.Equal(3, transport.IoThreadCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void AnOptionOutOfRangeIsRejectedByName(int threads)
    {
        var ex = Assert.Throws<ArgumentException>(() => new NativeTransport(new NativeTransportOptions { IoThreads = threads }));
        Assert.Contains("IoThreads", ex.Message);
        Assert.Contains("1-64", ex.Message);
    }
}
