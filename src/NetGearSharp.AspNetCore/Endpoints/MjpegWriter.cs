using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using NetGearSharp.AspNetCore.Live;

namespace NetGearSharp.AspNetCore.Endpoints;

/// <summary>
/// Writes a <c>multipart/x-mixed-replace</c> (MJPEG) response: each part is the newest picture when the browser is
/// ready for one, so a slow browser skips pictures instead of building a backlog.
/// </summary>
internal static class MjpegWriter
{
    public const string Boundary = "netgearframe";

    public static async Task WriteAsync(HttpContext context, Func<long, CancellationToken, Task<FrameEntry>> next, Func<FrameEntry, byte[]?> jpegOf)
    {
        var response = context.Response;
        response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        response.Headers.CacheControl = "no-store, no-cache";
        response.Headers.Pragma = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var stop = RequestStop.For(context);
        var cancellation = stop.Token;
        await response.StartAsync(cancellation).ConfigureAwait(false);
        long version = 0;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var entry = await next(version, cancellation).ConfigureAwait(false);
                version = entry.Version;
                // Null: a newer frame replaced this one before it was encoded; the next turn takes that one.
                if (jpegOf(entry) is not { } jpeg) continue;
                var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"));
                await response.Body.WriteAsync(head, cancellation).ConfigureAwait(false);
                await response.Body.WriteAsync(jpeg, cancellation).ConfigureAwait(false);
                await response.Body.WriteAsync("\r\n"u8.ToArray(), cancellation).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The browser went away.
        }
        catch (IOException) when (cancellation.IsCancellationRequested)
        {
            // The browser went away mid-write.
        }
    }
}
