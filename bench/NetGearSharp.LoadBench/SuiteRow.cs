namespace NetGearSharp.LoadBench;

/// <summary>
/// One row of the side-by-side suite: the workload (pattern, raw or JPEG, servers, flat out or paced per server). Each
/// row runs VidGear's own bench (when <see cref="WithVidGear"/>) and ours right after it, in the same run; there are no
/// stored VidGear figures (the history in docs/performance.md keeps the old ones).
/// </summary>
internal sealed record SuiteRow(NetGearPattern Pattern, bool Jpeg, int Servers, double RatePerServer = 0, int PerProcess = 1, bool WithVidGear = true)
{
    /// <summary>Frames per second of each server in the paced rows.</summary>
    public const double PacedRate = 30;

    /// <summary>The rows: issue 10's raw and JPEG rows flat out, the paced rows, then our 256-server row (VidGear has none).</summary>
    public static readonly SuiteRow[] All =
    [
        new(NetGearPattern.ReqRep, false, 2),
        new(NetGearPattern.ReqRep, false, 8),
        new(NetGearPattern.ReqRep, false, 32),
        new(NetGearPattern.PubSub, false, 2),
        new(NetGearPattern.PubSub, false, 8),
        new(NetGearPattern.PubSub, false, 32),
        new(NetGearPattern.ReqRep, true, 2),
        new(NetGearPattern.ReqRep, true, 8),
        new(NetGearPattern.PubSub, true, 2),
        new(NetGearPattern.ReqRep, false, 8, PacedRate),
        new(NetGearPattern.ReqRep, false, 32, PacedRate),
        new(NetGearPattern.PubSub, false, 8, PacedRate),
        new(NetGearPattern.PubSub, false, 32, PacedRate),
        new(NetGearPattern.ReqRep, false, 256, PerProcess: 32, WithVidGear: false),
    ];

    /// <summary>"Request/Reply raw 8 servers, 30/s each", for progress lines.</summary>
    public string Title =>
        $"{(Pattern == NetGearPattern.PubSub ? "Publish/Subscribe" : "Request/Reply")} {(Jpeg ? "JPEG" : "raw")} {Servers} servers" +
        (PerProcess > 1 ? $" ({PerProcess}/process)" : "") + (RatePerServer > 0 ? $", {RatePerServer:0}/s each" : ", flat out");

    /// <summary>The first columns of the Markdown table.</summary>
    public string Name =>
        $"| {(Pattern == NetGearPattern.PubSub ? "Publish/Subscribe" : "Request/Reply")} | {(Jpeg ? "JPEG q90" : "raw")} | {Servers}{(PerProcess > 1 ? $" ({PerProcess}/process)" : "")} | {(RatePerServer > 0 ? $"{RatePerServer:0}/s" : "flat out")} ";
}
