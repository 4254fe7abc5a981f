namespace NetGearSharp;

/// <summary>Which process-wide changes <see cref="NetGearProcessTuning.Apply"/> makes. Every one is on by default.</summary>
public sealed record NetGearProcessTuningOptions
{
    /// <summary>
    /// Tune glibc's allocator (<c>mallopt</c>) for frame-sized messages of the native transport, with its burst mode
    /// (more frames/s with raw frames, bounded memory when hundreds of servers start together: docs/performance.md).
    /// Affects every allocation of the process.
    /// </summary>
    public bool GlibcMalloc { get; init; } = true;

    /// <summary>Raise the thread pool's minimum (never lower it), so NetMQ's I/O completions are not starved by blocked pool threads.</summary>
    public bool ThreadPoolMinimum { get; init; } = true;

    /// <summary>Install NetMQ's global pooled buffer manager (1 GiB at most): several times faster NetMQ for frame-sized messages.</summary>
    public bool NetMqBufferPool { get; init; } = true;

    /// <summary>
    /// NetMQ sockets force a full garbage collection (at most every 250 ms, blocking ones only while the socket is idle,
    /// for 3 s after the last such part) after releasing a received part of 64 MiB or more: NetMQ receives those into a
    /// new array each time, which an idle process would otherwise keep (99 MB frames one after another grew a client to
    /// 3.7 GB). Affects every thread of the process during those collections; parts below 64 MiB change nothing.
    /// </summary>
    public bool NetMqLargeBufferCollection { get; init; } = true;

    /// <summary>
    /// The native transport's client sockets count each message's parts as libzmq reads them, and close a connection at
    /// the part that takes a message past 16 parts or past the message cap, before libzmq holds it (docs/reliability.md).
    /// And every native socket's large frames leave in full-size segments: libzmq writes a frame's first 8 KiB apart from
    /// the rest, and that write goes with <c>MSG_MORE</c> (the kernel sends it with the rest).
    /// For this, libzmq's own calls of <c>recv</c>, <c>send</c>, <c>accept</c>, <c>listen</c> and <c>close</c> are
    /// redirected through NetGearSharp (its import table is rewritten): every libzmq user of the process goes through
    /// them, and reads of connections not accepted by a NetGearSharp client pass straight through. Linux (glibc) on x64
    /// and arm64; elsewhere nothing changes. Without it a client still caps what a connection holds, by its bytes and the
    /// C heap's growth.
    /// </summary>
    public bool LibzmqWireHooks { get; init; } = true;
}
