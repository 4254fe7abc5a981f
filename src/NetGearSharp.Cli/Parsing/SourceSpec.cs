namespace NetGearSharp.Cli;

/// <summary>What <c>--source</c> names: the test pattern, a camera by index or a video file.</summary>
internal abstract record SourceSpec
{
    /// <summary>Parses <c>testsrc</c>, <c>camera:N</c> or a path to an existing file.</summary>
    /// <exception cref="UsageException">The text is none of these (names <paramref name="option"/>).</exception>
    public static SourceSpec Parse(string? text, string option = "--source")
    {
        if (text is null || text.Equals("testsrc", StringComparison.OrdinalIgnoreCase)) return new TestPatternSpec();
        if (string.IsNullOrWhiteSpace(text))
            throw new UsageException(option, "is empty; give testsrc, camera:N or the path of a video file.");
        if (text.StartsWith("camera:", StringComparison.OrdinalIgnoreCase))
        {
            var index = text["camera:".Length..];
            if (!int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                throw new UsageException(option, $"'{text}' is not a camera; write camera:N with N a camera index 0 or more (e.g. camera:0).");
            return new CameraSpec(n);
        }
        if (Directory.Exists(text))
            throw new UsageException(option, $"'{text}' is a directory, not a video file; give testsrc, camera:N or the path of a video file.");
        if (!File.Exists(text))
            throw new UsageException(option, $"video file '{text}' does not exist; give testsrc, camera:N or the path of a video file.");
        return new VideoFileSpec(text);
    }
}
