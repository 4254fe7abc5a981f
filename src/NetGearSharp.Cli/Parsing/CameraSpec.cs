namespace NetGearSharp.Cli;

/// <summary>A camera by index (<c>camera:N</c>).</summary>
/// <param name="Index">The OpenCV camera index, 0 or more.</param>
internal sealed record CameraSpec(int Index) : SourceSpec;
