using NetGearSharp.Client;

namespace NetGearSharp.Tests.Client;

/// <summary>Connection accounting (issue 11 items 1 and 2) at the registry, with a hand-driven clock.</summary>
public class ServerRegistryTests
{
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lost = TimeSpan.FromSeconds(0.5);
    private static long T(double seconds) => TimeSpan.FromSeconds(1000 + seconds).Ticks;

    private static ServerRegistry Registry() => new([5566, 5567], Stale, Lost);

    [Fact]
    public void FailedHandshakes_LeaveTheServerWaiting_AndTheClientDoesNotEnd()
    {
        var r = Registry();
        for (var i = 0; i < 200; i++)
        {
            r.OnAccepted(5566);
            r.OnHandshake(5566, succeeded: false);
            r.OnDisconnected(5566, T(0));
        }
        r.Tick(T(10));
        Assert.Equal(ServerState.Waiting, r.Snapshot(5566)!.State);
        Assert.False(r.AllGone(everyListed: false));
        Assert.False(r.AnyEverActive);
    }

    [Fact]
    public void AHandshakeWithoutAValidMessage_IsConnected_ThenWaitingAgain_NotLost()
    {
        var r = Registry();
        r.OnAccepted(5566);
        r.OnHandshake(5566, succeeded: true);
        Assert.Equal(ServerState.Connected, r.Snapshot(5566)!.State);
        Assert.False(r.AllGone(everyListed: false)); // on its way
        r.OnDisconnected(5566, T(0));
        r.Tick(T(1));
        Assert.Equal(ServerState.Waiting, r.Snapshot(5566)!.State);
    }

    [Fact]
    public void AfterScans_ARealServersCloseIsALoss()
    {
        var r = Registry();
        for (var i = 0; i < 200; i++)
        {
            r.OnAccepted(5567);
            r.OnHandshake(5567, succeeded: false);
            r.OnDisconnected(5567, T(0));
        }
        r.OnAccepted(5567);
        r.OnHandshake(5567, succeeded: true);
        r.OnFrame(5567, 10, null, T(1));
        r.OnDisconnected(5567, T(2));
        r.OnFrame(5567, 10, null, T(2.01)); // queued before the kill, read after its close
        r.Tick(T(2.6));
        Assert.Equal(ServerState.Lost, r.Snapshot(5567)!.State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnIdleJunkConnection_DoesNotKeepAKilledServer(bool handshakes)
    {
        var r = Registry();
        r.OnAccepted(5566); // junk, held open
        if (handshakes) r.OnHandshake(5566, succeeded: true); // even one that completed a handshake
        r.OnAccepted(5566); // the server
        if (handshakes) r.OnHandshake(5566, succeeded: true);
        r.OnFrame(5566, 10, null, T(0));
        r.OnFrame(5566, 10, null, T(1));
        r.OnDisconnected(5566, T(1.1)); // the server is killed
        r.OnFrame(5566, 10, null, T(1.12)); // queued
        r.Tick(T(3.2));
        Assert.Equal(ServerState.Stale, r.Snapshot(5566)!.State); // 2 s without a frame; not yet lost
        r.Tick(T(3.7));
        Assert.Equal(ServerState.Lost, r.Snapshot(5566)!.State);
    }

    [Fact]
    public void AScannersCloseBesideALiveServer_IsNoLoss()
    {
        var r = Registry();
        r.OnAccepted(5566); // the server (NetMQ: no handshake events)
        r.OnFrame(5566, 10, null, T(0));
        r.OnAccepted(5566); // a scanner
        r.OnDisconnected(5566, T(0.5)); // the scanner leaves
        for (var t = 0.6; t < 5; t += 0.1) r.OnFrame(5566, 10, null, T(t));
        r.Tick(T(5));
        Assert.Equal(ServerState.Streaming, r.Snapshot(5566)!.State);
    }
    [Fact]
    public void AServerWhoseConnectionsTheClientShed_IsNotLostWhileItComesBack()
    {
        var r = Registry();
        r.OnAccepted(5566);
        r.OnHandshake(5566, succeeded: true);
        r.OnFrame(5566, 10, null, T(1));
        for (var i = 0; i < 20; i++) r.OnAccepted(5566); // the flood: never handshaken
        r.OnShed(5566, T(2));
        for (var i = 0; i < 21; i++) r.OnDisconnected(5566, T(2)); // every connection closed by the client
        r.Tick(T(2) + ServerRegistry.ShedGrace.Ticks - 1);
        Assert.NotEqual(ServerState.Lost, r.Snapshot(5566)!.State);
        // The server's request timed out; it reconnects and sends again.
        r.OnAccepted(5566);
        r.OnHandshake(5566, succeeded: true);
        r.OnFrame(5566, 10, null, T(6));
        r.Tick(T(20));
        Assert.NotEqual(ServerState.Lost, r.Snapshot(5566)!.State);
    }

    [Fact]
    public void AServerWhoseConnectionsTheClientShed_AndThatNeverCameBack_IsLostAfterTheGrace()
    {
        var r = Registry();
        r.OnAccepted(5566);
        r.OnHandshake(5566, succeeded: true);
        r.OnFrame(5566, 10, null, T(1));
        r.OnShed(5566, T(2));
        r.OnDisconnected(5566, T(2));
        r.Tick(T(3));
        Assert.NotEqual(ServerState.Lost, r.Snapshot(5566)!.State);
        r.Tick(T(2) + ServerRegistry.ShedGrace.Ticks);
        Assert.Equal(ServerState.Lost, r.Snapshot(5566)!.State);
    }
}
