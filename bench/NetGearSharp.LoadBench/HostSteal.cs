using System.Globalization;

namespace NetGearSharp.LoadBench;

/// <summary>
/// CPU time the hypervisor gave to other guests while this machine wanted it (<c>steal</c> in <c>/proc/stat</c>,
/// all cores together). On a shared virtual machine a busy host takes seconds of a run's CPU and moves frames/s and
/// p99 by more than any change under test; the suite prints it beside every run so a disturbed round can be told
/// apart. Null where the kernel does not report it (not Linux).
/// </summary>
internal static class HostSteal
{
    /// <summary>Clock ticks per second of <c>/proc/stat</c> (USER_HZ; 100 on every Linux architecture .NET runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Seconds stolen since boot, all cores together; null when unknown.</summary>
    public static double? Now()
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

    /// <summary>Seconds between two readings; null when either is unknown.</summary>
    public static double? Since(double? start) => start is { } s && Now() is { } now ? Math.Max(0, now - s) : null;

    /// <summary>The steal seconds of <c>/proc/stat</c>'s first line (<c>cpu user nice system idle iowait irq softirq steal ...</c>).</summary>
    public static double? Parse(string? line)
    {
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields.Length < 9 || fields[0] != "cpu") return null;
        return long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks / TicksPerSecond : null;
    }
}
