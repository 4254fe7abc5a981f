namespace NetGearSharp.Cli;

/// <summary>The built-in moving test pattern (<c>testsrc</c>).</summary>
public sealed record TestPatternSpec : SourceSpec;
