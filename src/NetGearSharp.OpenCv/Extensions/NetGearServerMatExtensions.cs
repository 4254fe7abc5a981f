using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>Sends OpenCV Mats with a <see cref="NetGearServer"/>.</summary>
public static class NetGearServerMatExtensions
{
    /// <summary>
    /// Sends a Mat (one copy into a pooled frame, returned to the pool afterwards) with an optional JSON message.
    /// </summary>
    /// <example><code>server.Send(mat, new { camera = "door" });</code></example>
    /// <returns>In bidirectional or multi-client mode, what the client returned (see <see cref="NetGearServer.Send"/>); else null.</returns>
    /// <exception cref="ArgumentException">The Mat is empty or has an unsupported depth.</exception>
    public static NetGearReply? Send(this NetGearServer server, Mat mat, object? message = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var frame = MatFrames.ToFrame(mat);
        return server.Send(frame, message, cancellationToken);
    }
}
