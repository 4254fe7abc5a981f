using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NetGearSharp.Logging;

using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// Runs the application's server event handlers (<see cref="NetGearClient.ServerStateChanged"/>, ...) one at a time,
/// in order, on the thread pool, never on the receive thread: a slow handler delays later events, not frames. Work
/// posted after events (the client's end) runs after their handlers.
/// </summary>
internal sealed class EventDispatcher : IDisposable
{
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(2);
    /// <summary>The dispatcher whose handler runs on this thread now (a handler that disposes the client must not wait for itself).</summary>
    [ThreadStatic]
    private static EventDispatcher? t_handling;
    private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<ServerEventArgs> _raise;
    private readonly ILogger _logger;
    private readonly Task _pump;

    /// <summary>
    /// The most events waiting for the handlers. Servers that flap (or peers that connect, send a frame and vanish, over
    /// and over) can raise events faster than slow handlers take them; past this many waiting, new events are dropped,
    /// counted and said in the log, instead of queuing without bound (each server's state is still current in
    /// <see cref="NetGearClient.Servers"/>).
    /// </summary>
    public const int DefaultMaxBacklog = 10_000;

    private readonly int _maxBacklog;
    private long _dropped;

    public EventDispatcher(Action<ServerEventArgs> raise, ILogger logger, int maxBacklog = DefaultMaxBacklog)
    {
        _raise = raise;
        _logger = logger;
        _maxBacklog = maxBacklog;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Events dropped because the handlers were <see cref="DefaultMaxBacklog"/> events behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an event for the handlers (dropped, and counted, when they are too far behind).</summary>
    public void Post(ServerEventArgs e)
    {
        if (Volatile.Read(ref _waiting) >= _maxBacklog)
        {
            var dropped = Interlocked.Increment(ref _dropped);
            if (dropped == 1 || dropped % 1000 == 0)
                _logger.ServerEventsDropped(_maxBacklog, dropped, e.Port, e.Previous, e.Current);
            return;
        }
        if (_channel.Writer.TryWrite(e)) Interlocked.Increment(ref _waiting);
    }

    /// <summary>Events posted and not yet taken by the pump (the channel, single-reader, cannot count them).</summary>
    private int _waiting;

    /// <summary>Queues work to run after the events posted so far have been handled.</summary>
    public void Post(Action after)
    {
        if (!_channel.Writer.TryWrite(after)) after();
    }

    private async Task PumpAsync()
    {
        await foreach (var item in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            t_handling = this;
            try
            {
                if (item is ServerEventArgs e)
                {
                    Interlocked.Decrement(ref _waiting);
                    _logger.ServerStateChanged(e.Port, e.Previous, e.Current);
                    _raise(e);
                }
                else ((Action)item)();
            }
            catch (Exception ex)
            {
                _logger.EventDispatchFailed(ex);
            }
            finally
            {
                t_handling = null;
            }
        }
    }

    /// <summary>
    /// As <see cref="Dispose"/>, awaiting the handlers instead of blocking the caller's thread on them (a handler may need
    /// that thread: one that marshals to a UI thread which disposes the client). After it, <see cref="Dispose"/> does
    /// not wait again.
    /// </summary>
    /// <param name="fromHandler">Whether the caller is one of this pump's handlers (<see cref="IsHandlingHere"/>, read
    /// before the caller's first await): the pump is that handler then, and must not wait for itself.</param>
    public async Task DrainAsync(bool fromHandler)
    {
        _channel.Writer.TryComplete();
        if (!fromHandler) await Task.WhenAny(_pump, Task.Delay(DrainWait)).ConfigureAwait(false);
        _drained = true;
    }

    /// <summary>Whether the calling thread runs one of this pump's handlers now.</summary>
    public bool IsHandlingHere => t_handling == this;

    /// <summary>Set once <see cref="DrainAsync"/> has waited: <see cref="Dispose"/> does not wait a second time.</summary>
    private volatile bool _drained;

    /// <summary>
    /// Handles what is queued (waiting up to 2 s for slow handlers), then stops. Called from one of its own handlers
    /// (an application that disposes the client when a server leaves), it does not wait: the pump is that handler, and
    /// handles what is left once the handler returns.
    /// </summary>
    public void Dispose()
    {
        _channel.Writer.TryComplete();
        if (t_handling == this || _drained) return;
        try
        {
            // Dispose is synchronous (the client's Dispose); the wait is bounded and the pump never needs this thread.
#pragma warning disable VSTHRD002
            _pump.Wait(DrainWait);
#pragma warning restore VSTHRD002
        }
        catch (AggregateException)
        {
            // The pump catches handler failures; nothing else can end it with an error.
        }
    }
}
