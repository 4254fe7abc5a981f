using System.Collections.Concurrent;

namespace NetGearSharp.Transport.Native.Wire;

/// <summary>
/// What <see cref="WireHooks"/> lets the connections of one socket's listeners send, and the connections it closed for
/// it, until the socket's thread takes them (<see cref="TryTake"/>). Thread-safe: libzmq's I/O threads report.
/// </summary>
internal sealed class WireWatch
{
    /// <summary>Reports kept until taken; past it, more are dropped (their connections are closed all the same).</summary>
    private const int MaxPending = 4096;

    private readonly ConcurrentQueue<WireCut> _cuts = new();
    private volatile bool _closed;

    /// <param name="maxMessageBytes">The most one message may carry in all its parts; negative for no limit.</param>
    /// <param name="maxPartBytes">The most one part may carry; negative for no limit.</param>
    public WireWatch(long maxMessageBytes, long maxPartBytes)
    {
        MaxMessageBytes = maxMessageBytes;
        MaxPartBytes = maxPartBytes;
    }

    /// <summary>The most one message may carry in all its parts; negative for no limit.</summary>
    public long MaxMessageBytes { get; }

    /// <summary>The most one part may carry; negative for no limit.</summary>
    public long MaxPartBytes { get; }

    /// <summary>Whether the socket is gone: its listeners' new connections are no longer followed.</summary>
    public bool IsClosed => _closed;

    /// <summary>A connection was closed (libzmq's I/O thread).</summary>
    public void Report(WireCut cut)
    {
        if (!_closed && _cuts.Count < MaxPending) _cuts.Enqueue(cut);
    }

    /// <summary>The next connection closed, if any (the socket's thread).</summary>
    public bool TryTake(out WireCut cut) => _cuts.TryDequeue(out cut);

    /// <summary>The socket is closing.</summary>
    public void Close()
    {
        _closed = true;
        _cuts.Clear();
    }
}
