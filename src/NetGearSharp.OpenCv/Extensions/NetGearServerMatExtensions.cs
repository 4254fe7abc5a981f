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

    /// <summary>
    /// Sends a Mat asynchronously (one copy into a pooled frame, returned to the pool when the send completes); see
    /// <see cref="NetGearServer.SendAsync"/>: no thread-pool thread waits for the client's reply. The Mat may be reused
    /// as soon as this returns its task (it is copied first).
    /// </summary>
    /// <example><code>await server.SendAsync(mat, new { camera = "door" }, cancellationToken);</code></example>
    /// <returns>In bidirectional or multi-client mode, what the client returned (see <see cref="NetGearServer.SendAsync"/>); else null.</returns>
    /// <exception cref="ArgumentException">The Mat is empty or has an unsupported depth.</exception>
    public static async ValueTask<NetGearReply?> SendAsync(this NetGearServer server, Mat mat, object? message = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var frame = MatFrames.ToFrame(mat);
        return await server.SendAsync(frame, message, cancellationToken).ConfigureAwait(false);
    }
}
