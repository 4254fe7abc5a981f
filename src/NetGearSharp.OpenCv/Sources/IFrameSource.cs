using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Where frames come from: a video file, a camera or the built-in test pattern. Pull-based: call
/// <see cref="Read"/> for each frame. Not thread-safe; use one source from one thread.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>A short description for logs, e.g. <c>testsrc 640x480</c> or <c>file vtest.avi</c>.</summary>
    string Description { get; }

    /// <summary>Frame width in pixels.</summary>
    int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    int Height { get; }

    /// <summary>The source's own frame rate, or 0 when it does not know one.</summary>
    double FramesPerSecond { get; }

    /// <summary>Reads the next frame into <paramref name="destination"/> (reallocated if its size or type differ).</summary>
    /// <returns>False when the source has ended (end of file without looping, camera unplugged).</returns>
    bool Read(Mat destination);
}
