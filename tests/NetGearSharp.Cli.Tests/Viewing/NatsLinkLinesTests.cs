using NetGearSharp.Cli.Viewing;
using NetGearSharp.Nats;

namespace NetGearSharp.Cli.Tests.Viewing;

/// <summary>The forwarder's end line tells an outage's drops from NATS being slower than the frames.</summary>
public sealed class NatsLinkLinesTests
{
    private static NatsForwarderStatistics Stats(long dropped, long whileDown, long lost, double downSeconds) => new()
    {
        Posted = 100, Published = 100 - dropped, Dropped = dropped, DroppedWhileLinkDown = whileDown, Failed = 0, States = 2,
        Queued = 0, DroppedByPort = new Dictionary<int, long>(), MaxPayload = 1 << 20, LinkLost = lost, LinkDownFor = TimeSpan.FromSeconds(downSeconds),
    };

    [Fact]
    public void Drops_without_an_outage_are_put_on_NATS_being_slower()
        => Assert.Equal("forwarded: 90 frames published, 10 dropped (NATS slower than the frames), 0 failed, 2 state events, 0 JPEG passed through as received",
            NatsLinkLines.ForwarderEnd(Stats(10, 0, 0, 0)));

    [Fact]
    public void Drops_while_the_link_was_down_are_put_on_the_outage_with_how_long_it_lasted()
        => Assert.Equal("forwarded: 90 frames published, 10 dropped (while the link to NATS was down), 0 failed, 2 state events, 0 JPEG passed through as received, NATS link lost 2 times (3.5 s down in all)",
            NatsLinkLines.ForwarderEnd(Stats(10, 10, 2, 3.5)));

    [Fact]
    public void Drops_of_both_kinds_are_counted_apart()
        => Assert.Equal("forwarded: 90 frames published, 10 dropped (7 while the link to NATS was down, 3 NATS slower than the frames), 0 failed, 2 state events, 0 JPEG passed through as received, NATS link lost 1 time (1.2 s down in all)",
            NatsLinkLines.ForwarderEnd(Stats(10, 7, 1, 1.2)));

    [Fact]
    public void An_outage_without_drops_is_still_told()
        => Assert.EndsWith("0 dropped (NATS slower than the frames), 0 failed, 2 state events, 0 JPEG passed through as received, NATS link lost 1 time (0.4 s down in all)",
            NatsLinkLines.ForwarderEnd(Stats(0, 0, 1, 0.4)));

    [Fact]
    public void Frames_given_up_at_the_end_are_counted_so_that_the_counts_add_up()
        => Assert.Equal("forwarded: 18 frames published, 0 dropped (NATS slower than the frames), 0 failed, 52 abandoned (still unpublished at the end: NATS unreachable or too slow), 1 state events, 0 JPEG passed through as received, NATS link lost 1 time (6.0 s down in all)",
            NatsLinkLines.ForwarderEnd(Stats(0, 0, 1, 6) with { Posted = 70, Published = 18, Abandoned = 52, States = 1 }));
}
