namespace NetGearSharp.Cli;

/// <summary>How <c>view</c> and <c>demo</c> report at the end (<c>--summary</c>).</summary>
internal enum SummaryFormat
{
    /// <summary>Human-readable lines (or a table on a terminal).</summary>
    Text,
    /// <summary>Exactly one JSON object on stdout; live output goes to stderr.</summary>
    Json,
}
