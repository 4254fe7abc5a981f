using NetGearSharp.Timing;

namespace NetGearSharp.Transport.NetMq;

/// <summary>
/// Gives the memory of very large received parts back. NetMQ receives a part above its buffer pool's largest size
/// (64 MiB here) into a new array each time; once released these arrays wait for a full collection that an idle
/// process never starts (99 MB frames one after another grew a client to 3.7 GB and it kept them). After such a part
/// is released a background full collection is asked for (at most every <see cref="MinGap"/>); once the socket is
/// idle, blocking ones (which also give the memory back to the system) every <see cref="MinGap"/> until
/// <see cref="Settle"/> has passed since the last large part, so frames the application disposes a little later are
/// given back too. Parts within the pool's sizes change nothing. Used by one socket's receive thread.
/// Forcing collections affects the whole process, so sockets use one only after the application opted in
/// (<see cref="NetGearProcessTuningOptions.NetMqLargeBufferCollection"/>; see <see cref="ForThisProcess"/>).
/// </summary>
internal sealed class LargeBufferReclaimer
{
    /// <summary>Parts of this size or more are not pooled by NetMQ (the pool's largest buffer, set by <see cref="NetGearProcessTuning"/>).</summary>
    public const int LargePart = 64 * 1024 * 1024;

    private static readonly long MinGap = TimeSpan.FromMilliseconds(250).Ticks;
    private static readonly long Settle = TimeSpan.FromSeconds(3).Ticks;
    private long _lastCollect;
    private long _lastLarge;
    private bool _pending;

    private static long Now => MonotonicClock.System.Now;

    /// <summary>A reclaimer when the process opted in to forced collections (<see cref="NetGearProcessTuning.Apply"/>), else null.</summary>
    public static LargeBufferReclaimer? ForThisProcess()
        => NetGearProcessTuning.Applied?.NetMqLargeBufferCollection == true ? new LargeBufferReclaimer() : null;

    /// <summary>A received part of <paramref name="size"/> bytes was released.</summary>
    public void Released(int size)
    {
        if (size < LargePart) return;
        _pending = true;
        _lastLarge = Now;
        Collect(idle: false);
    }

    /// <summary>Nothing arrived: collect while large parts were released recently.</summary>
    public void Idle()
    {
        if (!_pending) return;
        Collect(idle: true);
        if (Now - _lastLarge >= Settle) _pending = false;
    }

    private void Collect(bool idle)
    {
        var now = Now;
        if (now - _lastCollect < MinGap) return;
        _lastCollect = now;
        // The heap is small apart from these arrays: a blocking collection (not compacting: that would copy them) is quick.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: idle);
    }
}
