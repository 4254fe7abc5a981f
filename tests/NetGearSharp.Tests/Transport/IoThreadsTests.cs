using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>The native transport's I/O thread count: one per processor (at most 4) unless the environment says otherwise.</summary>
public class IoThreadsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("two")]
    public void WithoutAValidOverrideItIsOnePerProcessorUpToFour(string? value)
    {
        var variable = "NETGEARSHARP_TEST_IO_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 4), IoThreads.For(variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void AnOverrideFromOneTo64IsTaken()
    {
        var variable = "NETGEARSHARP_TEST_IO_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "3");
        try
        {
            Assert.Equal(3, IoThreads.For(variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
