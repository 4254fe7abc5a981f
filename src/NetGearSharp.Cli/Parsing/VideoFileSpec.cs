namespace NetGearSharp.Cli;

/// <summary>A video file.</summary>
/// <param name="Path">The file, which existed when the arguments were checked.</param>
internal sealed record VideoFileSpec(string Path) : SourceSpec;
