namespace NetGearSharp.LoadBench;

/// <summary>CPU seconds spent in an interval, by kind.</summary>
internal readonly record struct CpuDelta(double User, double Kernel, double Steal)
{
    /// <summary>The kernel's part of the busy (user + kernel) time, 0-1; NaN when nothing was busy.</summary>
    public double KernelShare => User + Kernel > 0 ? Kernel / (User + Kernel) : double.NaN;
}
