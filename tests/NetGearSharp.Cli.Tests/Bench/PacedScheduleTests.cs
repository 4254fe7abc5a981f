using NetGearSharp.Bench;

namespace NetGearSharp.Cli.Tests.Bench;

/// <summary>
/// The paced benchmark servers' instants (<see cref="PacedSchedule"/>): the same phases as VidGear's side of the load
/// suite (<c>bench/vidgear_window_bench.py</c>'s <c>phase</c>, whose values these are), the first slot not yet passed,
/// and a late frame sent at once while slots missed by more than a period are skipped.
/// </summary>
public sealed class PacedScheduleTests
{
    [Theory]
    [InlineData(0, 0.2784629953491671)]
    [InlineData(1, 0.13143707901597412)]
    [InlineData(2, 0.7485506314774004)]
    [InlineData(31, 0.9993355323060689)]
    [InlineData(255, 0.7265152099869455)]
    public void Each_server_has_the_phase_the_python_side_computes(int index, double phase)
        => Assert.Equal(phase, PacedSchedule.Phase(index));

    [Fact]
    public void Slots_follow_the_phase_a_late_frame_goes_at_once_and_missed_slots_are_skipped()
    {
        const double Period = 100; // 10 frames/s
        var offset = PacedSchedule.Phase(3) * Period;
        var schedule = new PacedSchedule(3, 10, nowMs: 1_000_000 + offset + 1); // just after slot 10,000
        Assert.Equal(1_000_100 + offset, schedule.DueMs, 6);

        schedule.Sent(nowMs: 1_000_100 + offset + 5); // on time: the next slot
        Assert.Equal(1_000_200 + offset, schedule.DueMs, 6);

        schedule.Sent(nowMs: 1_000_300 + offset + 5); // late past one slot: that slot, at once
        Assert.Equal(1_000_300 + offset, schedule.DueMs, 6);

        schedule.Sent(nowMs: 1_000_650 + offset); // three more slots passed: the latest of them, the rest skipped
        Assert.Equal(1_000_600 + offset, schedule.DueMs, 6);
    }
}
