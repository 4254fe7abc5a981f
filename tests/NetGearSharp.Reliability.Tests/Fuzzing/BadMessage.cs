namespace NetGearSharp.Reliability.Tests.Fuzzing;

/// <summary>One hostile message: its parts, whether it goes without the REQ-style empty delimiter, and what it is.</summary>
/// <param name="Parts">The parts after the delimiter (or all parts, when <paramref name="NoDelimiter"/>).</param>
/// <param name="NoDelimiter">Sent by a DEALER without the empty delimiter a REQ socket puts first.</param>
/// <param name="Category">What kind of damage it carries (for the report).</param>
public sealed record BadMessage(byte[][] Parts, bool NoDelimiter, string Category);
