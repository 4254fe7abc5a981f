using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>Sends OpenCV Mats with a <see cref="NetGearServer"/>.</summary>
public static class NetGearServerMatExtensions
{
    /// <summary>
    /// Sends a Mat (one copy into a pooled frame, returned to the pool afterwards) with an optional JSON message.
    /// </summary>
    /// <example><code>server.Send(mat, new { camera = "door" });</code></example>
    /// <exception cref="ArgumentException">The Mat is empty or has an unsupported depth.</exception>
    public static void Send(this NetGearServer server, Mat mat, object? message = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var frame = MatFrames.ToFrame(mat);
        server.Send(frame, message, cancellationToken);
    }
}
