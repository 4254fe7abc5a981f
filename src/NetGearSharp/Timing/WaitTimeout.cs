namespace NetGearSharp.Timing;

/// <summary>Checks a timeout given to a public wait, as .NET's own waits do.</summary>
internal static class WaitTimeout
{
    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="timeout"/> when it is negative and not
    /// <see cref="Timeout.InfiniteTimeSpan"/>. Any other length is allowed: one too long for a deadline waits for ever.
    /// </summary>
    public static TimeSpan Check(TimeSpan timeout, string name)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, timeout,
                $"{name} {timeout} is negative; give zero (do not wait), a positive time, or Timeout.InfiniteTimeSpan (wait for ever).");
        return timeout;
    }
}
