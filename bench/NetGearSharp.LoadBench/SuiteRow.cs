namespace NetGearSharp.LoadBench;

/// <summary>One row of issue 5's table: the workload and VidGear 0.3.5's figures for it (NaN where VidGear has none).</summary>
internal sealed record SuiteRow(NetGearPattern Pattern, bool Jpeg, int Servers, double VidGearFps, double VidGearP50, double VidGearP99, int PerProcess = 1)
{
    /// <summary>The rows, in the issue's order, then the 256-server row.</summary>
    public static readonly SuiteRow[] All =
    [
        new(NetGearPattern.ReqRep, false, 2, 1661, 0.6, 6.8),
        new(NetGearPattern.ReqRep, false, 8, 1277, 3.1, 13.4),
        new(NetGearPattern.ReqRep, false, 32, 1372, 10.3, 49.4),
        new(NetGearPattern.PubSub, false, 2, 771, 9.1, 61),
        new(NetGearPattern.ReqRep, true, 2, 381, 7.3, 16.6),
        new(NetGearPattern.ReqRep, true, 8, 301, 23.9, 75.9),
        new(NetGearPattern.PubSub, true, 2, 294, 342, 568),
        new(NetGearPattern.ReqRep, false, 256, double.NaN, double.NaN, double.NaN, PerProcess: 32),
    ];

    /// <summary>The first columns of the Markdown table.</summary>
    public string Name =>
        $"| {(Pattern == NetGearPattern.PubSub ? "Publish/Subscribe" : "Request/Reply")} | {(Jpeg ? "JPEG q90" : "raw")} | {Servers}{(PerProcess > 1 ? $" ({PerProcess}/process)" : "")} ";
}
