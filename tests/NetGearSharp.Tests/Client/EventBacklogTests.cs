using NetGearSharp.Client.Pipeline;
using NetGearSharp.TestSupport;

namespace NetGearSharp.Tests.Client;

/// <summary>Events raised faster than the handlers take them wait up to a bound, then are dropped and counted.</summary>
public sealed class EventBacklogTests
{
    [Fact(Timeout = 30_000)]
    public async Task Events_past_the_backlog_are_dropped_counted_and_logged_and_the_rest_are_handled()
    {
        using var release = new ManualResetEventSlim();
        var handled = 0;
        var log = new CollectingLoggerFactory();
        var dispatcher = new EventDispatcher(_ =>
        {
            release.Wait(TimeSpan.FromSeconds(20)); // a handler stuck while events pour in
            Interlocked.Increment(ref handled);
        }, log.CreateLogger("events"), maxBacklog: 50);

        for (var i = 0; i < 500; i++) dispatcher.Post(new ServerEventArgs(5566, ServerState.Streaming, ServerState.Lost));
        // The first event may be taken by the stuck handler already: 50 or 51 kept, the rest dropped.
        Assert.InRange(dispatcher.Dropped, 449, 450);
        release.Set();
        await dispatcher.DrainAsync(fromHandler: false);
        Assert.Equal(500 - dispatcher.Dropped, Volatile.Read(ref handled));
        string[] warnings;
        lock (log.Lines) warnings = log.Lines.Where(l => l.Contains("events behind", StringComparison.Ordinal)).ToArray();
        Assert.Single(warnings); // the first drop (then one per 1,000)
        dispatcher.Dispose();
    }
}
