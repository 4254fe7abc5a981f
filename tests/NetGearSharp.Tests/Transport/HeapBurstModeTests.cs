using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>When frame memory is returned at once (a burst of unasked frames) and when it is kept again.</summary>
public class HeapBurstModeTests
{
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;

    [Fact]
    public void AnUnaskedFrameReturnsMemoryUntilTheHoldHasPassedWithoutAnother()
    {
        var now = 0L;
        var applied = new List<bool>();
        using var mode = new HeapBurstMode(applied.Add, TimeSpan.FromSeconds(1), () => now);
        Assert.False(mode.Returning);

        mode.UnaskedFrame();
        Assert.True(mode.Returning);
        now = 600 * Ms;
        mode.UnaskedFrame(); // the burst goes on: the hold starts again
        now = 1_200 * Ms;
        mode.Check();
        Assert.True(mode.Returning);
        now = 1_600 * Ms;
        mode.Check();
        Assert.False(mode.Returning);
        Assert.Equal([true, false], applied); // switched once each way, not on every frame
    }

    [Fact]
    public void TheTimerSwitchesBackWithoutAnyoneAsking()
    {
        var applied = new List<bool>();
        using var switchedBack = new ManualResetEventSlim();
        using var mode = new HeapBurstMode(on =>
        {
            lock (applied) applied.Add(on);
            if (!on) switchedBack.Set();
        }, TimeSpan.FromMilliseconds(50));
        mode.UnaskedFrame();
        Assert.True(switchedBack.Wait(TimeSpan.FromSeconds(10)));
        Assert.False(mode.Returning);
        lock (applied) Assert.Equal([true, false], applied);
    }

    [Fact(Timeout = 30_000)]
    public async Task ANativeClientLeavesTheAllocatorAloneUnlessTheProcessOptedIn()
    {
        // Nothing in this test assembly calls NetGearProcessTuning.Apply (the host test checks the opt-in in its own process).
        Assert.Null(NetGearProcessTuning.Applied);
        await using var client = new NetGearClient(Support.ServerFleet.ClientOptions([FreePorts.One()], NetGearPattern.ReqRep, TransportKind.Native));
        Assert.False(NativeHeap.Tuned);
        Assert.False(NativeHeap.Returning);
        Assert.Equal(0, NativeHeap.AllocatorCalls);
    }
}
