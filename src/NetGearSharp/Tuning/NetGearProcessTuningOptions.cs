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
}
