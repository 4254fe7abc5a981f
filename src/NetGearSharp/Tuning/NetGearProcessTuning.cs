using NetGearSharp.Transport.Native;
using NetGearSharp.Transport.Native.Wire;

namespace NetGearSharp;

/// <summary>
/// The one opt-in for changes that affect the whole process, not just NetGearSharp's own objects. Nothing here
/// happens unless the application calls <see cref="Apply"/>: a library in an ASP.NET Core app, a robot controller or
/// a test host leaves the process as it found it. A program that owns its process and streams many large frames (the
/// <c>netgear</c> tool calls it) gains frames/s and memory with it; docs/performance.md lists what each part is worth.
/// </summary>
public static class NetGearProcessTuning
{
    private static readonly Lock Gate = new();
    private static NetGearProcessTuningOptions? s_applied;

    /// <summary>The options applied, or null when <see cref="Apply"/> was never called.</summary>
    public static NetGearProcessTuningOptions? Applied
    {
        get
        {
            lock (Gate) return s_applied;
        }
    }

    /// <summary>
    /// Changes process-wide settings, each only when its option is on (all are by default):
    /// <list type="bullet">
    /// <item><description><see cref="NetGearProcessTuningOptions.GlibcMalloc"/>: glibc's <c>mallopt</c> thresholds
    /// (frames up to 32 MB served from the heap and kept for reuse, up to 256 MB of freed heap kept), plus a burst mode
    /// that returns frame memory at once for a second after frames nobody asked for (servers' first frames). Affects
    /// every allocation of the process; does nothing where the C library is not glibc.</description></item>
    /// <item><description><see cref="NetGearProcessTuningOptions.ThreadPoolMinimum"/>: raises the thread pool's
    /// minimum to at least 32 worker and I/O threads (4 per processor), never lowers it.</description></item>
    /// <item><description><see cref="NetGearProcessTuningOptions.NetMqBufferPool"/>: installs NetMQ's global pooled
    /// buffer manager (up to 1 GiB, buffers up to 64 MiB), shared by every NetMQ user of the process.</description></item>
    /// <item><description><see cref="NetGearProcessTuningOptions.NetMqLargeBufferCollection"/>: NetMQ sockets created
    /// afterwards force full garbage collections after releasing received parts of 64 MiB or more, so the memory of
    /// very large frames is given back once the socket is idle.</description></item>
    /// <item><description><see cref="NetGearProcessTuningOptions.LibzmqWireHooks"/>: libzmq's calls of <c>recv</c>,
    /// <c>send</c>, <c>accept</c>, <c>listen</c> and <c>close</c> go through NetGearSharp, so native client sockets
    /// created afterwards count each message's parts as libzmq reads them and close a connection past the limits before
    /// libzmq holds the part, and the first 8 KiB of a large frame, which libzmq writes apart, leave with the rest of
    /// the frame (<c>MSG_MORE</c>). Every libzmq user of the process goes through them; does nothing where libzmq is not
    /// a glibc shared library on x64 or arm64.</description></item>
    /// </list>
    /// Call it once, at startup, before creating clients or servers; a second call applies what the first did not.
    /// </summary>
    /// <param name="options">What to change; null: everything.</param>
    public static void Apply(NetGearProcessTuningOptions? options = null)
    {
        options ??= new NetGearProcessTuningOptions();
        lock (Gate)
        {
            var before = s_applied;
            if (options.GlibcMalloc && before?.GlibcMalloc != true) NativeHeap.TuneForLargeMessages();
            if (options.ThreadPoolMinimum && before?.ThreadPoolMinimum != true) RaiseThreadPoolMinimum();
            if (options.NetMqBufferPool && before?.NetMqBufferPool != true)
                NetMQ.BufferPool.SetBufferManagerBufferPool(1024L * 1024 * 1024, Transport.NetMq.LargeBufferReclaimer.LargePart);
            if (options.LibzmqWireHooks) WireHooks.Allow();
            s_applied = new NetGearProcessTuningOptions
            {
                GlibcMalloc = options.GlibcMalloc || before?.GlibcMalloc == true,
                ThreadPoolMinimum = options.ThreadPoolMinimum || before?.ThreadPoolMinimum == true,
                NetMqBufferPool = options.NetMqBufferPool || before?.NetMqBufferPool == true,
                NetMqLargeBufferCollection = options.NetMqLargeBufferCollection || before?.NetMqLargeBufferCollection == true,
                LibzmqWireHooks = options.LibzmqWireHooks || before?.LibzmqWireHooks == true,
            };
        }
    }

    /// <summary>
    /// NetMQ completes its socket I/O on thread-pool threads. Programs that block pool threads (a server loop in
    /// Task.Run, a synchronous Receive) would otherwise starve it: replies arrive seconds late and retries fire.
    /// Raising the pool's minimum lets it add threads at once instead of one every half second.
    /// </summary>
    private static void RaiseThreadPoolMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = Math.Max(32, Environment.ProcessorCount * 4);
        if (workers < wanted || io < wanted) ThreadPool.SetMinThreads(Math.Max(workers, wanted), Math.Max(io, wanted));
    }
}
