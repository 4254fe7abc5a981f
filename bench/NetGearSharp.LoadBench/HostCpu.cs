using System.Globalization;

namespace NetGearSharp.LoadBench;

/// <summary>
/// The machine's CPU time by kind, all cores together, from <c>/proc/stat</c>'s first line (<c>cpu user nice system
/// idle iowait irq softirq steal ...</c>), read around every run of the suite. Two figures come of it:
/// <list type="bullet">
/// <item><see cref="CpuDelta.Steal"/>: time the hypervisor gave to other guests while this machine wanted it. On a
/// shared virtual machine a busy host takes seconds of a run's CPU and moves frames/s and p99 by more than any change
/// under test, so the suite prints it beside every run and a disturbed round can be told apart.</item>
/// <item><see cref="CpuDelta.KernelShare"/>: the kernel's part (system, irq, softirq) of the busy time. Moving raw frames
/// over loopback TCP is mostly the kernel's work (copies into and out of sockets, the TCP path), whichever stack sits
/// above it; the share says how much of a row the stacks can change at all.</item>
/// </list>
/// Null where the kernel does not report it (not Linux).
/// </summary>
internal static class HostCpu
{
    /// <summary>Clock ticks per second of <c>/proc/stat</c> (USER_HZ; 100 on every Linux architecture .NET runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds since boot by kind; null when unknown.</summary>
    public static CpuTimes? Now()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The time spent between <paramref name="start"/> and now; null when either reading is unknown.</summary>
    public static CpuDelta? Since(CpuTimes? start) => start is { } s && Now() is { } now ? now - s : null;

    /// <summary>The times of <c>/proc/stat</c>'s first line; null when it is not one.</summary>
    public static CpuTimes? Parse(string? line)
    {
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields.Length < 9 || fields[0] != "cpu") return null;
        var ticks = new long[8];
        for (var i = 0; i < ticks.Length; i++)
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i])) return null;
        // user nice system idle iowait irq softirq steal (idle and iowait are not used)
        return new CpuTimes(
            User: (ticks[0] + ticks[1]) / TicksPerSecond,
            Kernel: (ticks[2] + ticks[5] + ticks[6]) / TicksPerSecond,
            Steal: ticks[7] / TicksPerSecond);
    }
}
