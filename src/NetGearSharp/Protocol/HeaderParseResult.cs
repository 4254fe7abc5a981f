namespace NetGearSharp.Protocol;

/// <summary>The outcome of parsing a header: success, or the kind of malformation and a short reason.</summary>
internal readonly record struct HeaderParseResult(MalformedKind? Error, string? Reason)
{
    public static HeaderParseResult Ok => default;
    public bool Success => Error is null;
    public static HeaderParseResult Fail(MalformedKind kind, string reason) => new(kind, reason);
}
