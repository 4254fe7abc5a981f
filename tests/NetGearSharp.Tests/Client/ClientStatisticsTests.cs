namespace NetGearSharp.Tests.Client;

/// <summary>
/// A client's statistics print their counts: the record's generated text printed the dictionary's type name
/// ("MalformedByKind = System.Collections.Generic.Dictionary`2[...]").
/// </summary>
public sealed class ClientStatisticsTests
{
    [Fact]
    public void ToString_prints_the_malformed_counts_by_kind()
    {
        var statistics = new ClientStatistics
        {
            TotalFrames = 10, FilteredOut = 1, Malformed = 3, MalformedUnknown = 1, RepliesHeld = 2, AuthenticationFailures = 4,
            MalformedByKind = new Dictionary<MalformedKind, long> { [MalformedKind.InvalidJson] = 2, [MalformedKind.WrongPartCount] = 1 },
        };

        Assert.Equal("ClientStatistics { TotalFrames = 10, FilteredOut = 1, Malformed = 3, MalformedUnknown = 1, RepliesHeld = 2, "
            + "AuthenticationFailures = 4, MalformedByKind = { WrongPartCount = 1, InvalidJson = 2 } }", statistics.ToString());
    }

    [Fact]
    public void ToString_of_no_malformed_message_prints_an_empty_set()
    {
        var statistics = new ClientStatistics { TotalFrames = 0, FilteredOut = 0, Malformed = 0, MalformedUnknown = 0, MalformedByKind = new Dictionary<MalformedKind, long>() };
        Assert.EndsWith("MalformedByKind = { } }", statistics.ToString());
        Assert.DoesNotContain("System.Collections", statistics.ToString());
    }
}
