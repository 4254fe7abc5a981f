namespace NetGearSharp.LoadBench;

/// <summary>CPU seconds by kind, all cores together (user includes nice; kernel is system, irq and softirq).</summary>
internal readonly record struct CpuTimes(double User, double Kernel, double Steal)
{
    /// <summary>The time spent from <paramref name="start"/> to <paramref name="end"/> (never negative).</summary>
    public static CpuDelta operator -(CpuTimes end, CpuTimes start) => new(
        Math.Max(0, end.User - start.User), Math.Max(0, end.Kernel - start.Kernel), Math.Max(0, end.Steal - start.Steal));
}
