using System.Globalization;
using NetGearSharp.Nats;

namespace NetGearSharp.Cli.Viewing;

/// <summary>What the tool says of the link to NATS: when it is lost and back, and what an outage cost the forwarder.</summary>
internal static class NatsLinkLines
{
    /// <summary>The reader's line (<c>--from</c>) when the link is lost or back.</summary>
    public static string Reader(NatsLinkEventArgs e, string urls) => e.IsUp
        ? string.Create(CultureInfo.InvariantCulture, $"NATS link back after {e.DownFor.TotalSeconds:0.0} s: reading again")
        : $"NATS link down ({urls}): no frames meanwhile, servers shown as stale; reconnecting";

    /// <summary>The forwarder's line (<c>--forward</c>) when the link is lost or back.</summary>
    public static string Forwarder(NatsLinkEventArgs e, string urls, int buffer) => e.IsUp
        ? string.Create(CultureInfo.InvariantCulture, $"NATS link back after {e.DownFor.TotalSeconds:0.0} s: forwarding again")
        : string.Create(CultureInfo.InvariantCulture, $"NATS link down ({urls}): frames wait in the buffer ({buffer}), the oldest dropped once it is full; reconnecting");

    /// <summary>
    /// The forwarder's end line: what became of every frame it took (published, dropped and why, failed, abandoned at the
    /// end, too large: they add up to the frames taken), and the outages.
    /// </summary>
    public static string ForwarderEnd(NatsForwarderStatistics s)
    {
        var slower = s.Dropped - s.DroppedWhileLinkDown;
        var why = s.DroppedWhileLinkDown == 0 ? "NATS slower than the frames"
            : slower == 0 ? "while the link to NATS was down"
            : string.Create(CultureInfo.InvariantCulture, $"{s.DroppedWhileLinkDown} while the link to NATS was down, {slower} NATS slower than the frames");
        var outages = s.LinkLost == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $", NATS link lost {s.LinkLost} time{(s.LinkLost == 1 ? "" : "s")} ({s.LinkDownFor.TotalSeconds:0.0} s down in all)");
        return string.Create(CultureInfo.InvariantCulture,
            $"forwarded: {s.Published} frames published, {s.Dropped} dropped ({why}), {s.Failed} failed{Abandoned(s)}, {s.States} state events{StatesFailed(s)}, {s.JpegPassedThrough} JPEG passed through as received{TooLarge(s)}{outages}");
    }

    /// <summary>The frames given up at the end (NATS unreachable or too slow then), when there were any.</summary>
    private static string Abandoned(NatsForwarderStatistics s) => s.Abandoned == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
        $", {s.Abandoned} abandoned (still unpublished at the end: NATS unreachable or too slow)");

    /// <summary>The state events whose publish failed, when there were any.</summary>
    private static string StatesFailed(NatsForwarderStatistics s) => s.StatesFailed == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({s.StatesFailed} more failed)");

    /// <summary>The servers whose frames NATS could not carry, when there were any.</summary>
    private static string TooLarge(NatsForwarderStatistics s) => s.TooLarge == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
        $", {s.TooLarge} too large for NATS's max payload of {s.MaxPayload} bytes (servers {string.Join(",", s.TooLargeByPort.Keys.Order())})");
}
