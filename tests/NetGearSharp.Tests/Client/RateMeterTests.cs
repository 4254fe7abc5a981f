using NetGearSharp.Client;

namespace NetGearSharp.Tests.Client;

/// <summary>The per-server frames/s and bytes/s that the table, the montage's labels and the web page show.</summary>
public sealed class RateMeterTests
{
    private static readonly long Second = TimeSpan.TicksPerSecond;

    /// <summary>Events every 1/<paramref name="rate"/> s from <paramref name="start"/> until (not including) <paramref name="end"/>.</summary>
    private static void Feed(RateMeter meter, double rate, long start, long end, long bytes)
    {
        for (var k = 0; ; k++)
        {
            var t = start + (long)Math.Round(k * Second / rate);
            if (t >= end) return;
            meter.Add(t, bytes);
        }
    }

    [Theory]
    [InlineData(15, 0)]
    [InlineData(15, 1)]
    [InlineData(15, 37)]
    [InlineData(30, 3)]
    [InlineData(25, 99)]
    [InlineData(1, 50)]
    public void ASteadySourceReadsItsOwnRateWhereverInTheSlotItIsRead(int rate, int phaseMs)
    {
        // Read at every 7 ms over two seconds, after three seconds of a steady source: the slot still filling never counts,
        // so no read may come out low (a window of nine whole slots and part of a tenth read 15 frames/s as 13.5-15).
        var start = 1000 * Second + phaseMs * TimeSpan.TicksPerMillisecond;
        for (var read = 3 * Second; read < 5 * Second; read += 7 * TimeSpan.TicksPerMillisecond)
        {
            var meter = new RateMeter();
            Feed(meter, rate, start, start + read, bytes: 1000);
            var (perSecond, bytesPerSecond) = meter.Rates(start + read);
            Assert.Equal(rate, perSecond);
            Assert.Equal(rate * 1000, bytesPerSecond);
        }
    }

    [Fact]
    public void ARateChangeShowsWithinOneSecondAndAHundredMilliseconds()
    {
        var meter = new RateMeter();
        var start = 50 * Second;
        Feed(meter, 10, start, start + 3 * Second, bytes: 1);
        Feed(meter, 20, start + 3 * Second, start + 6 * Second, bytes: 1);
        Assert.Equal(20, meter.Rates(start + 4 * Second + Second / 10).PerSecond);
    }

    [Fact]
    public void ASourceThatStoppedReadsZeroOnceItsLastSlotHasLeftTheWindow()
    {
        var meter = new RateMeter();
        var start = 10 * Second;
        Feed(meter, 30, start, start + 2 * Second, bytes: 5);
        Assert.Equal(30, meter.Rates(start + 2 * Second).PerSecond);
        Assert.True(meter.Rates(start + 2 * Second + Second / 2).PerSecond is > 0 and < 30);
        Assert.Equal((0, 0), meter.Rates(start + 3 * Second + Second / 10));
        Assert.Equal((0, 0), meter.Rates(start + 3600 * Second));
    }

    [Fact]
    public void AClockThatStartsAtZeroWorks()
    {
        // A test's TimeProvider may start at 0: the slots before the first must not index below the array.
        var meter = new RateMeter();
        Assert.Equal((0, 0), meter.Rates(0));
        meter.Add(0, 7);
        meter.Add(Second / 20, 7);
        Assert.Equal((0, 0), meter.Rates(Second / 20));
        Assert.Equal((2, 14), meter.Rates(Second / 10));
        Assert.Equal((2, 14), meter.Rates(Second + Second / 20));
        Assert.Equal((0, 0), meter.Rates(Second + Second / 10));
    }
}
