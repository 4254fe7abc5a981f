using System.Globalization;
using System.Text;

namespace NetGearSharp;

/// <summary>Counters of a client across all servers.</summary>
public sealed record ClientStatistics
{
    /// <summary>Frames received from all servers.</summary>
    public required long TotalFrames { get; init; }

    /// <summary>Frames dropped by the filter (payload not decoded).</summary>
    public required long FilteredOut { get; init; }

    /// <summary>Malformed messages, all servers and unknown senders together.</summary>
    public required long Malformed { get; init; }

    /// <summary>Malformed messages that could not be tied to a server of the list.</summary>
    public required long MalformedUnknown { get; init; }

    /// <summary>
    /// Request/Reply: replies that waited for room under <see cref="NetGearClientOptions.MaxBytesInFlight"/> (flow
    /// control; each such server sent its next frame a little later). Zero while the frames in flight fit the budget.
    /// </summary>
    public long RepliesHeld { get; init; }

    /// <summary>Connection attempts, on all ports, that failed the security handshake (on a plain client: senders that use CURVE).</summary>
    public long AuthenticationFailures { get; init; }

    /// <summary>Malformed messages by kind.</summary>
    public required IReadOnlyDictionary<MalformedKind, long> MalformedByKind { get; init; }

    // The record's own ToString printed the dictionary's type name ("MalformedByKind = System.Collections.Generic.
    // Dictionary`2[...]"); this prints the counts: "MalformedByKind = { BadJson = 2, UnknownPort = 1 }".
    private bool PrintMembers(StringBuilder builder)
    {
        var c = CultureInfo.InvariantCulture;
        builder.Append(c, $"TotalFrames = {TotalFrames}, FilteredOut = {FilteredOut}, Malformed = {Malformed}, MalformedUnknown = {MalformedUnknown}, ");
        builder.Append(c, $"RepliesHeld = {RepliesHeld}, AuthenticationFailures = {AuthenticationFailures}, MalformedByKind = {{ ");
        var first = true;
        foreach (var (kind, count) in MalformedByKind.OrderBy(p => p.Key))
        {
            if (!first) builder.Append(", ");
            builder.Append(c, $"{kind} = {count}");
            first = false;
        }
        builder.Append(first ? "}" : " }");
        return true;
    }
}
