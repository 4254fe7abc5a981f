namespace NetGearSharp.Cli;

/// <summary>The built-in moving test pattern (<c>testsrc</c>).</summary>
internal sealed record TestPatternSpec : SourceSpec;
