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

    /// <summary>
    /// Streams the pictures <paramref name="next"/> gives, each turned into JPEG by <paramref name="jpegOf"/>. When
    /// <paramref name="headersFirst"/> is false (OpenCV's native runtime does not load), the answer waits for the first
    /// picture: one that needs OpenCV gives a 503 naming the package to add, where the stream would have failed after
    /// its headers with an empty 500.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, Func<long, CancellationToken, Task<FrameEntry>> next, Func<FrameEntry, byte[]?> jpegOf, bool headersFirst = true)
    {
        var response = context.Response;
        using var stop = RequestStop.For(context);
        var cancellation = stop.Token;
        try
        {
            if (headersFirst) await StartAsync(response, cancellation).ConfigureAwait(false);
            long version = 0;
            byte[] jpeg;
            try
            {
                (version, jpeg) = await NextJpegAsync(next, jpegOf, version, cancellation).ConfigureAwait(false);
            }
            catch (Exception ex) when (!response.HasStarted && OpenCvRuntime.IsMissing(ex))
            {
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(OpenCvRuntime.Missing + "\n", cancellation).ConfigureAwait(false);
                return;
            }
            if (!response.HasStarted) await StartAsync(response, cancellation).ConfigureAwait(false);
            while (true)
            {
                var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"));
                await response.Body.WriteAsync(head, cancellation).ConfigureAwait(false);
                await response.Body.WriteAsync(jpeg, cancellation).ConfigureAwait(false);
                await response.Body.WriteAsync("\r\n"u8.ToArray(), cancellation).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellation).ConfigureAwait(false);
                (version, jpeg) = await NextJpegAsync(next, jpegOf, version, cancellation).ConfigureAwait(false);
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
        catch (Exception ex) when (response.HasStarted && OpenCvRuntime.IsMissing(ex))
        {
            // A raw picture after JPEG ones, without OpenCV: the stream ends (its status is long sent).
        }
    }

    private static Task StartAsync(HttpResponse response, CancellationToken cancellation)
    {
        response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        response.Headers.CacheControl = "no-store, no-cache";
        response.Headers.Pragma = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        return response.StartAsync(cancellation);
    }

    /// <summary>The next picture after <paramref name="version"/> that gives a JPEG, with its version.</summary>
    private static async Task<(long Version, byte[] Jpeg)> NextJpegAsync(
        Func<long, CancellationToken, Task<FrameEntry>> next, Func<FrameEntry, byte[]?> jpegOf, long version, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var entry = await next(version, cancellation).ConfigureAwait(false);
            version = entry.Version;
            // Null: a newer frame replaced this one before it was encoded; the next turn takes that one.
            if (jpegOf(entry) is { } jpeg) return (version, jpeg);
        }
    }
}
