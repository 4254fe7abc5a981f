using Microsoft.AspNetCore.Http;

namespace NetGearSharp.AspNetCore.Endpoints;

/// <summary>
/// <c>/events</c>: server-sent events. Each event (<c>event: servers</c>) carries the whole <c>/api/servers</c> JSON;
/// one is sent at once, then at every state change and otherwise every <see cref="NetGearWebOptions.EventInterval"/>
/// (rates move all the time).
/// </summary>
internal static class EventsWriter
{
    public static async Task WriteAsync(HttpContext context, NetGearLiveView view)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store, no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        using var stop = RequestStop.For(context);
        var cancellation = stop.Token;
        try
        {
            await response.WriteAsync("retry: 1000\n\n", cancellation).ConfigureAwait(false);
            while (!cancellation.IsCancellationRequested)
            {
                var change = view.NextChange();
                await response.Body.WriteAsync("event: servers\ndata: "u8.ToArray(), cancellation).ConfigureAwait(false);
                await response.Body.WriteAsync(ServersJson.Write(view), cancellation).ConfigureAwait(false);
                await response.Body.WriteAsync("\n\n"u8.ToArray(), cancellation).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellation).ConfigureAwait(false);
                try
                {
                    await change.WaitAsync(view.Options.EventInterval, cancellation).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Time for the rates.
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The browser went away or the app stops.
        }
        catch (IOException) when (cancellation.IsCancellationRequested)
        {
            // The browser went away mid-write.
        }
    }
}
