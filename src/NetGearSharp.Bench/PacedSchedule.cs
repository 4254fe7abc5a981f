namespace NetGearSharp.Bench;

/// <summary>
/// When a paced benchmark server sends: the same rule as VidGear's side of the load suite
/// (<c>bench/vidgear_window_bench.py</c>, <c>slots</c>), so both stacks' servers take the same phases. Server
/// <c>i</c> (its index in the run's port list) sends at the Unix times <c>offset_i + k / rate</c>, where
/// <c>offset_i</c> is <see cref="Phase"/>(i) of one period: a fixed pseudo-random fraction from
/// <see cref="Seed"/> and the index (SplitMix64), the same in every run and in both languages, so servers neither
/// send together nor in the order their processes happened to start. A server starts at its first slot not yet
/// passed; after each send its next slot is the following one, or, when that has passed too (it is late by more than a
/// period), the latest passed slot, sent at once: a late frame goes out at once and slots missed by more than a period
/// are skipped, never sent in a burst.
/// </summary>
internal sealed class PacedSchedule
{
    /// <summary>The seed of the servers' phases (both sides).</summary>
    public const ulong Seed = 20261207;

    private readonly double _periodMs;
    private readonly double _offsetMs;
    private long _slot;

    /// <summary>The schedule of server <paramref name="serverIndex"/> at <paramref name="rate"/> frames/s, starting at the first slot at or after <paramref name="nowMs"/>.</summary>
    public PacedSchedule(int serverIndex, double rate, double nowMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serverIndex);
        if (!(rate > 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "A paced server needs a positive rate.");
        _periodMs = 1000 / rate;
        _offsetMs = Phase(serverIndex) * _periodMs;
        _slot = (long)Math.Ceiling((nowMs - _offsetMs) / _periodMs);
    }

    /// <summary>Unix milliseconds of the next send.</summary>
    public double DueMs => _offsetMs + _slot * _periodMs;

    /// <summary>Moves to the next slot after a send that ended at <paramref name="nowMs"/> (see the class).</summary>
    public void Sent(double nowMs) => _slot = Math.Max(_slot + 1, (long)Math.Floor((nowMs - _offsetMs) / _periodMs));

    /// <summary>Server <paramref name="serverIndex"/>'s phase, a fraction of a period in [0, 1): SplitMix64 of <see cref="Seed"/> + index, its top 53 bits.</summary>
    public static double Phase(int serverIndex)
    {
        unchecked
        {
            var z = Seed + (ulong)serverIndex + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
