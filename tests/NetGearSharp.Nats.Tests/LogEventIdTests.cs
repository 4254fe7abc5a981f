namespace NetGearSharp.Nats.Tests;

/// <summary>
/// Every log line of the NATS library has a stable event id and name (its <c>[LoggerMessage]</c> method), kept in its
/// own assembly (4000-4999, apart from the core's) and listed in docs/logging.md.
/// </summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_event_has_a_unique_non_zero_id_and_a_name_and_is_listed_in_the_docs()
    {
        var problems = LogEvents.Problems(typeof(NatsForwarder).Assembly, 4000, 4999);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var ids = LogEvents.In(typeof(NatsForwarder).Assembly).Select(d => d.Attribute.EventId).ToList();
        Assert.Contains(ids, id => id is >= 4000 and < 4100); // the source's
        Assert.Contains(ids, id => id is >= 4100 and < 4200); // the forwarder's
    }
}
