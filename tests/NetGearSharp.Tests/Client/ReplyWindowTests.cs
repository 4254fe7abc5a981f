using NetGearSharp.Client;

using static NetGearSharp.Tests.Support.TestEnvelopes;

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
        Assert.True(window.TryGrant(1, 100, 0));
        Assert.True(window.TryGrant(2, 100, 0));
        Assert.False(window.TryGrant(3, 100, 0));
        window.Hold(3, 100, Named("c"));
        Assert.False(window.TryGrant(4, 1, 0)); // someone is already waiting: no overtaking, even if it fits
        window.Hold(4, 1, Named("d"));
        Assert.False(window.TryRelease(0, out _));

        window.Arrived(1, 0);
        Assert.True(window.TryRelease(0, out var first));
        Assert.Equal("c", Name(first));
        Assert.False(window.TryRelease(0, out _)); // b and c hold 200 bytes: d waits
        window.Arrived(2, 0);
        Assert.True(window.TryRelease(0, out var second));
        Assert.Equal("d", Name(second));
        Assert.Equal(0, window.HeldCount);
        Assert.Equal(101, window.GrantedBytes);
    }

    [Fact]
    public void WhenTheSocketStaysEmptyForTheIdleGapTheGrantsOfQuietServersLapse()
    {
        var window = Filled(100, MaxAge);
        Assert.True(window.TryGrant(11, 100, 0));
        Assert.False(window.TryGrant(2, 100, 9 * Ms));
        window.Hold(2, 100, Named("b"));
        window.SawNothing(9 * Ms);
        Assert.False(window.TryRelease(9 * Ms, out _));
        window.SawNothing(10 * Ms);
        Assert.True(window.TryRelease(10 * Ms, out var released)); // nothing arrived for 10 ms: 11 is quiet
        Assert.Equal("b", Name(released));
        Assert.Equal(100, window.GrantedBytes);
    }

    [Fact]
    public void TimeTheReceiveLoopDidNotLookAtTheSocketIsNotIdleness()
    {
        var window = Filled(100, MaxAge);
        Assert.True(window.TryGrant(11, 100, 0));
        window.Hold(2, 100, Named("b"));
        window.SawNothing(2 * Ms);
        // The loop was kept from running for 48 ms (a busy machine): the granted frame may be waiting in the socket.
        Assert.False(window.TryRelease(50 * Ms, out _));
        window.SawNothing(51 * Ms); // now it looked, and the socket was empty
        Assert.True(window.TryRelease(51 * Ms, out _));
    }

    [Fact]
    public void AStreamingServersGrantSurvivesIdlenessAndLapsesOnlyAtItsMaxAge()
    {
        var window = new ReplyWindow(100, IdleGap, MaxAge);
        Assert.True(window.TryGrant(12, 100, 0));
        Assert.True(window.Arrived(12, 3 * Ms)); // answered 3 ms after its grant: streaming
        FillWithStreamingServers(window, 3 * Ms);
        Assert.True(window.TryGrant(12, 100, 3 * Ms));
        window.Hold(2, 100, Named("b"));
        window.SawNothing(40 * Ms);
        Assert.False(window.TryRelease(40 * Ms, out _)); // silent for 37 ms, but its process is busy, not quiet
        window.SawNothing(253 * Ms);
        Assert.True(window.TryRelease(253 * Ms, out var released)); // its grant is 250 ms old
        Assert.Equal("b", Name(released));
    }

    [Fact]
    public void AServerThatTookLongerThanTheIdleGapLastTimeIsTreatedAsQuiet()
    {
        var window = new ReplyWindow(100, IdleGap, MaxAge);
        Assert.True(window.TryGrant(19, 100, 0));
        Assert.True(window.Arrived(19, 100 * Ms)); // a paced camera: its frame came 100 ms after the answer
        FillWithStreamingServers(window, 100 * Ms);
        Assert.True(window.TryGrant(19, 100, 100 * Ms));
        window.Hold(2, 100, Named("b"));
        window.SawNothing(109 * Ms);
        Assert.False(window.TryRelease(109 * Ms, out _));
        window.SawNothing(110 * Ms);
        Assert.True(window.TryRelease(110 * Ms, out var released)); // only the paced grant lapsed: the fillers stream
        Assert.Equal("b", Name(released));
        Assert.Equal(100, window.GrantedBytes);
    }

    [Fact]
    public void AFrameIsAskedForOnlyWhileItsServerHoldsAGrant()
    {
        var window = Filled(1000, MaxAge);
        Assert.False(window.Arrived(77, 0)); // a server's first frame: nobody asked for it
        Assert.True(window.TryGrant(77, 100, 0));
        Assert.True(window.Arrived(77, 1 * Ms));
        Assert.False(window.Arrived(77, 2 * Ms)); // a second frame without an answer in between
        Assert.False(new ReplyWindow(0, IdleGap, MaxAge).Limits);
        Assert.True(window.Limits);
    }

    [Fact]
    public void WhileOtherFramesArriveAGrantLastsUntilItsMaxAge()
    {
        var window = Filled(100, MaxAge);
        Assert.True(window.TryGrant(13, 100, 0));
        window.Hold(2, 100, Named("b"));
        for (var t = 5; t < 250; t += 5)
        {
            window.Arrived(14, t * Ms); // a frame from a server that was not granted (say, its first)
            Assert.False(window.TryRelease(t * Ms, out _));
        }
        window.Arrived(14, 250 * Ms);
        Assert.True(window.TryRelease(250 * Ms, out var released));
        Assert.Equal("b", Name(released));
    }

    [Fact]
    public void AnArrivalEndsTheGrantAndALaterExpiryOfTheOldGrantChangesNothing()
    {
        var window = new ReplyWindow(100, IdleGap, TimeSpan.FromMilliseconds(25));
        Assert.True(window.TryGrant(1, 100, 0));
        window.Arrived(1, 5 * Ms);
        for (var i = 0; i < ReplyWindow.MinGrants - 1; i++) Assert.True(window.TryGrant(100 + i, 0, 10 * Ms));
        Assert.True(window.TryGrant(1, 100, 10 * Ms)); // granted again
        window.Arrived(24, 18 * Ms);
        window.Arrived(24, 26 * Ms);
        Assert.False(window.TryGrant(2, 100, 30 * Ms)); // the first grant's age must not end the second
        window.Arrived(24, 34 * Ms);
        Assert.True(window.TryGrant(2, 100, 35 * Ms)); // the second is 25 ms old
    }

    [Fact]
    public void SixteenGrantsAreAlwaysAllowedSoFewServersWithLargeFramesAreNeverHeld()
    {
        var window = new ReplyWindow(10, IdleGap, MaxAge);
        for (var i = 0; i < ReplyWindow.MinGrants; i++) Assert.True(window.TryGrant(200 + i, 6_220_800, 0)); // raw 1080p
        Assert.False(window.TryGrant(15, 1, 0));
    }

    [Fact]
    public void AnArrivalFromAServerThatWasNotGrantedChangesNothing()
    {
        var window = Filled(100, MaxAge);
        Assert.True(window.TryGrant(1, 100, 0));
        window.Arrived(26, 0);
        Assert.False(window.TryGrant(2, 100, 0));
    }

    [Fact]
    public void FramesWaitingForTheApplicationCountAgainstTheBudget()
    {
        var waiting = new Waiting { Count = 20, Bytes = 250 };
        var window = new ReplyWindow(300, IdleGap, MaxAge, waiting);
        Assert.False(window.TryGrant(1, 100, 0)); // 250 waiting + 100 > 300
        window.Hold(1, 100, Named("a"));
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
        Assert.True(window.TryGrant(1, 100, 0)); // MinGrants - 1 waiting + 0 granted: within the always-allowed places
        Assert.False(window.TryGrant(2, 100, 0)); // MinGrants - 1 waiting + 1 granted, and far over the bytes
        waiting.Count = 0;
        Assert.True(window.TryGrant(2, 100, 0));
    }

    [Fact]
    public void ZeroMeansNoLimit()
    {
        var window = new ReplyWindow(0, IdleGap, MaxAge);
        for (var i = 0; i < 1000; i++) Assert.True(window.TryGrant(10_000 + i, 1_000_000, 0));
        Assert.Equal(0, window.HeldCount);
    }

    /// <summary>A window whose always-allowed grants are used up by servers that never send (lapsed only by age or idleness).</summary>
    private static ReplyWindow Filled(long budget, TimeSpan maxAge, long at = 0)
    {
        var window = new ReplyWindow(budget, IdleGap, maxAge);
        for (var i = 0; i < ReplyWindow.MinGrants - 1; i++) Assert.True(window.TryGrant(100 + i, 0, at));
        return window;
    }

    /// <summary>Uses up the always-allowed grants with servers that stream (each answered within a millisecond last time).</summary>
    private static void FillWithStreamingServers(ReplyWindow window, long at)
    {
        for (var i = 0; i < ReplyWindow.MinGrants - 1; i++)
        {
            Assert.True(window.TryGrant(300 + i, 0, at - Ms));
            Assert.True(window.Arrived(300 + i, at - Ms / 2));
            Assert.True(window.TryGrant(300 + i, 0, at));
        }
    }

    private sealed class Waiting : IUndeliveredFrames
    {
        public int Count { get; set; }
        public long Bytes { get; set; }
        public int UndeliveredCount => Count;
        public long UndeliveredBytes => Bytes;
    }
}
