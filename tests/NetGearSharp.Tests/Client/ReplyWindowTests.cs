using NetGearSharp.Client;

namespace NetGearSharp.Tests.Client;

/// <summary>The Request/Reply flow-control window on its own (time in ticks, as the receive loop passes it).</summary>
public class ReplyWindowTests
{
    private static readonly TimeSpan IdleGap = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(250);
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    [Fact]
    public void GrantsWhileTheBytesFitThenHoldsInArrivalOrder()
    {
        var window = Filled(200, MaxAge);
        Assert.True(window.TryGrant("a", 100, 0));
        Assert.True(window.TryGrant("b", 100, 0));
        Assert.False(window.TryGrant("c", 100, 0));
        window.Hold("c", 100, Named("c"));
        Assert.False(window.TryGrant("d", 1, 0)); // someone is already waiting: no overtaking, even if it fits
        window.Hold("d", 1, Named("d"));
        Assert.False(window.TryRelease(0, out _));

        window.Arrived("a", 0);
        Assert.True(window.TryRelease(0, out var first));
        Assert.Equal("c", Name(first));
        Assert.False(window.TryRelease(0, out _)); // b and c hold 200 bytes: d waits
        window.Arrived("b", 0);
        Assert.True(window.TryRelease(0, out var second));
        Assert.Equal("d", Name(second));
        Assert.Equal(0, window.HeldCount);
        Assert.Equal(101, window.GrantedBytes);
    }

    [Fact]
    public void WhenNothingArrivesForTheIdleGapEveryGrantLapses()
    {
        var window = Filled(100, MaxAge);
        Assert.True(window.TryGrant("quiet", 100, 0));
        Assert.False(window.TryGrant("b", 100, 9 * Ms));
        window.Hold("b", 100, Named("b"));
        Assert.False(window.TryRelease(9 * Ms, out _));
        Assert.True(window.TryRelease(10 * Ms, out var released)); // nothing arrived for 10 ms: "quiet" is quiet
        Assert.Equal("b", Name(released));
        Assert.Equal(100, window.GrantedBytes);
    }

    [Fact]
    public void WhileOtherFramesArriveAGrantLastsUntilItsMaxAge()
    {
        var window = Filled(100, MaxAge);
        Assert.True(window.TryGrant("slow", 100, 0));
        window.Hold("b", 100, Named("b"));
        for (var t = 5; t < 250; t += 5)
        {
            window.Arrived("other", t * Ms); // a frame from a server that was not granted (say, its first)
            Assert.False(window.TryRelease(t * Ms, out _));
        }
        window.Arrived("other", 250 * Ms);
        Assert.True(window.TryRelease(250 * Ms, out var released));
        Assert.Equal("b", Name(released));
    }

    [Fact]
    public void AnArrivalEndsTheGrantAndALaterExpiryOfTheOldGrantChangesNothing()
    {
        var window = new ReplyWindow(100, IdleGap, TimeSpan.FromMilliseconds(25));
        Assert.True(window.TryGrant("a", 100, 0));
        window.Arrived("a", 5 * Ms);
        for (var i = 0; i < ReplyWindow.MinGrants - 1; i++) Assert.True(window.TryGrant("filler" + i, 0, 10 * Ms));
        Assert.True(window.TryGrant("a", 100, 10 * Ms)); // granted again
        window.Arrived("x", 18 * Ms);
        window.Arrived("x", 26 * Ms);
        Assert.False(window.TryGrant("b", 100, 30 * Ms)); // the first grant's age must not end the second
        window.Arrived("x", 34 * Ms);
        Assert.True(window.TryGrant("b", 100, 35 * Ms)); // the second is 25 ms old
    }

    [Fact]
    public void SixteenGrantsAreAlwaysAllowedSoFewServersWithLargeFramesAreNeverHeld()
    {
        var window = new ReplyWindow(10, IdleGap, MaxAge);
        for (var i = 0; i < ReplyWindow.MinGrants; i++) Assert.True(window.TryGrant("big" + i, 6_220_800, 0)); // raw 1080p
        Assert.False(window.TryGrant("small", 1, 0));
    }

    [Fact]
    public void AnArrivalFromAServerThatWasNotGrantedChangesNothing()
    {
        var window = Filled(100, MaxAge);
        Assert.True(window.TryGrant("a", 100, 0));
        window.Arrived("z", 0);
        Assert.False(window.TryGrant("b", 100, 0));
    }

    [Fact]
    public void FramesWaitingForTheApplicationCountAgainstTheBudget()
    {
        var waiting = new Waiting { Count = 20, Bytes = 250 };
        var window = new ReplyWindow(300, IdleGap, MaxAge, waiting);
        Assert.False(window.TryGrant("a", 100, 0)); // 250 waiting + 100 > 300
        window.Hold("a", 100, Named("a"));
        Assert.False(window.TryRelease(0, out _));

        waiting.Bytes = 200; // the application took some
        Assert.True(window.TryRelease(0, out var released));
        Assert.Equal("a", Name(released));
        Assert.Equal(100, window.GrantedBytes);
    }

    [Fact]
    public void FewWaitingFramesAndGrantsAreAlwaysAllowed()
    {
        var waiting = new Waiting { Count = ReplyWindow.MinGrants - 1, Bytes = long.MaxValue / 4 };
        var window = new ReplyWindow(1, IdleGap, MaxAge, waiting);
        Assert.True(window.TryGrant("a", 100, 0)); // MinGrants - 1 waiting + 0 granted: within the always-allowed places
        Assert.False(window.TryGrant("b", 100, 0)); // MinGrants - 1 waiting + 1 granted, and far over the bytes
        waiting.Count = 0;
        Assert.True(window.TryGrant("b", 100, 0));
    }

    [Fact]
    public void ZeroMeansNoLimit()
    {
        var window = new ReplyWindow(0, IdleGap, MaxAge);
        for (var i = 0; i < 1000; i++) Assert.True(window.TryGrant(i.ToString(), 1_000_000, 0));
        Assert.Equal(0, window.HeldCount);
    }

    /// <summary>A window whose always-allowed grants are used up by servers that never send (lapsed only by age or idleness).</summary>
    private static ReplyWindow Filled(long budget, TimeSpan maxAge, long at = 0)
    {
        var window = new ReplyWindow(budget, IdleGap, maxAge);
        for (var i = 0; i < ReplyWindow.MinGrants - 1; i++) Assert.True(window.TryGrant("filler" + i, 0, at));
        return window;
    }

    private static Envelope Named(string name)
    {
        var envelope = new Envelope();
        envelope.TryAdd(System.Text.Encoding.UTF8.GetBytes(name));
        return envelope;
    }

    private static string Name(Envelope envelope) => System.Text.Encoding.UTF8.GetString(envelope[0]);

    private sealed class Waiting : IUndeliveredFrames
    {
        public int Count { get; set; }
        public long Bytes { get; set; }
        public int UndeliveredCount => Count;
        public long UndeliveredBytes => Bytes;
    }
}
