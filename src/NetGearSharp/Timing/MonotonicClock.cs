namespace NetGearSharp.Timing;

/// <summary>
/// The one clock of a client or server: monotonic (never jumps with the wall clock), in <see cref="TimeSpan"/> ticks,
/// read from a <see cref="TimeProvider"/> so tests can drive it (the options' <c>TimeProvider</c>). Deadlines,
/// staleness, flow-control grants and rates all use it; only the wall-clock time stamps shown to users
/// (<see cref="NetGearPacket.ReceivedAt"/>, <see cref="ServerInfo.LastSeen"/>) read the provider's UTC time.
/// </summary>
internal sealed class MonotonicClock
{
    private readonly long _frequency;

    /// <summary>The system's monotonic clock (<see cref="TimeProvider.System"/>).</summary>
    public static MonotonicClock System { get; } = new(TimeProvider.System);

    public MonotonicClock(TimeProvider provider)
    {
        Provider = provider;
        _frequency = provider.TimestampFrequency;
    }

    /// <summary>The provider read.</summary>
    public TimeProvider Provider { get; }

    /// <summary>Now, in <see cref="TimeSpan"/> ticks on a monotonic scale (only differences mean anything).</summary>
    public long Now
    {
        get
        {
            var ts = Provider.GetTimestamp();
            if (_frequency == TimeSpan.TicksPerSecond) return ts;
            // Split so neither part overflows for any uptime.
            return ts / _frequency * TimeSpan.TicksPerSecond + ts % _frequency * TimeSpan.TicksPerSecond / _frequency;
        }
    }

    /// <summary>
    /// A deadline <paramref name="timeout"/> from now; <see cref="long.MaxValue"/> for an infinite timeout, and for one
    /// so long that the deadline would not fit (<see cref="TimeSpan.MaxValue"/>: for ever, as infinite).
    /// </summary>
    public long DeadlineAfter(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan) return long.MaxValue;
        var now = Now;
        var ticks = Math.Max(0, timeout.Ticks);
        return ticks >= long.MaxValue - now ? long.MaxValue : now + ticks;
    }

    /// <summary>Time left until <paramref name="deadline"/> (zero once passed; infinite for <see cref="long.MaxValue"/>).</summary>
    public TimeSpan Left(long deadline)
        => deadline == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(Math.Max(0, deadline - Now));

    /// <summary>The provider's UTC time, for time stamps shown to users (never for deadlines).</summary>
    public DateTimeOffset UtcNow => Provider.GetUtcNow();
}
