namespace NetGearSharp.Nats.Validation;

/// <summary>
/// Refuses <see cref="Timeout.InfiniteTimeSpan"/> by its name where a time must be finite: its value, -1 ms, read
/// "-00:00:00.0010000 is negative" in the range checks that follow, which told the user nothing.
/// </summary>
internal static class FiniteTime
{
    /// <summary>Throws when <paramref name="value"/> is infinite, naming <paramref name="name"/> and what is <paramref name="allowed"/>.</summary>
    public static void Check(TimeSpan value, string name, string allowed, string parameter)
    {
        if (value == Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"{name} cannot be infinite; {allowed}.", parameter);
    }
}
