using NetGearSharp.Client;

namespace NetGearSharp.Tests.Client;

/// <summary>The Request/Reply flow-control window on its own.</summary>
public class ReplyWindowTests
{
    [Fact]
    public void GrantsUpToTheLimitThenHoldsInArrivalOrder()
    {
        var window = new ReplyWindow(2);
        Assert.True(window.TryGrant("a"));
        Assert.True(window.TryGrant("b"));
        Assert.False(window.TryGrant("c"));
        window.Hold("c", new Envelope());
        Assert.False(window.TryGrant("d")); // someone is already waiting: no overtaking
        window.Hold("d", new Envelope());
        Assert.False(window.TryRelease(out _, out _));

        window.Arrived("a");
        Assert.True(window.TryRelease(out var first, out _));
        Assert.Equal("c", first);
        Assert.False(window.TryRelease(out _, out _));
        window.Arrived("b");
        Assert.True(window.TryRelease(out var second, out _));
        Assert.Equal("d", second);
        Assert.Equal(0, window.HeldCount);
    }

    [Fact]
    public void DrainedForgetsEveryGrant()
    {
        var window = new ReplyWindow(1);
        Assert.True(window.TryGrant("a"));
        Assert.False(window.TryGrant("b"));
        window.Hold("b", new Envelope());
        window.Drained(); // the client read everything: "a" has nothing waiting in memory
        Assert.True(window.TryRelease(out var port, out _));
        Assert.Equal("b", port);
    }

    [Fact]
    public void AnArrivalFromAServerThatWasNotGrantedChangesNothing()
    {
        var window = new ReplyWindow(1);
        Assert.True(window.TryGrant("a"));
        window.Arrived("z");
        Assert.False(window.TryGrant("b"));
    }

    [Fact]
    public void ZeroMeansNoLimit()
    {
        var window = new ReplyWindow(0);
        for (var i = 0; i < 1000; i++) Assert.True(window.TryGrant(i.ToString()));
        Assert.Equal(0, window.HeldCount);
    }
}
