namespace NetGearSharp.Docs.Tests.Snippets;

/// <summary>One ```csharp block of a Markdown page.</summary>
/// <param name="File">The page, relative to the repository root.</param>
/// <param name="Line">The line of the block's first code line (1-based).</param>
/// <param name="Code">The code.</param>
public sealed record Snippet(string File, int Line, string Code)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}
