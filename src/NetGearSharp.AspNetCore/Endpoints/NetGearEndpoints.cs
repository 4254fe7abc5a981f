using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetGearSharp.AspNetCore.Endpoints;
using NetGearSharp.AspNetCore.Live;

namespace NetGearSharp.AspNetCore;

/// <summary>Maps the live page and its endpoints into an ASP.NET Core app.</summary>
public static class NetGearEndpoints
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: <c>/</c> the page (a tile per server), <c>/api/servers</c> and
    /// <c>/api/servers/{port}</c> (JSON), <c>/events</c> (server-sent events), <c>/frame/{port}</c> (the newest JPEG;
    /// <c>?after=N</c> gives 204 until a picture newer than N exists), <c>/stream/{port}</c> (MJPEG) and
    /// <c>/montage.mjpg</c>. A port not in the client's list gives 404.
    /// </summary>
    /// <param name="endpoints">The app (or any endpoint route builder).</param>
    /// <param name="view">The live view your receive loop feeds.</param>
    /// <param name="prefix">Where to map them, e.g. <c>"/cameras"</c>; empty for the root.</param>
    /// <returns>The group of endpoints, to add authorization or other conventions.</returns>
    public static RouteGroupBuilder MapNetGear(this IEndpointRouteBuilder endpoints, NetGearLiveView view, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(prefix);
        var group = endpoints.MapGroup(prefix.TrimEnd('/'));
        var page = PageHtml.Render(view.Options.Title);

        group.MapMethods("/", GetOrHead, (HttpContext context) =>
        {
            // The page uses relative URLs: under a prefix it needs its trailing slash.
            var path = context.Request.PathBase + context.Request.Path;
            if (!path.HasValue || !path.Value!.EndsWith('/')) return Results.Redirect(path + "/" + context.Request.QueryString);
            return Results.Bytes(page, "text/html; charset=utf-8");
        });
        group.MapMethods("/api/servers", GetOrHead, () => Results.Bytes(ServersJson.Write(view), "application/json"));
        group.MapMethods("/api/servers/{port:int}", GetOrHead, (int port) =>
            view.Servers.FirstOrDefault(s => s.Port == port) is { } server
                ? Results.Bytes(ServersJson.WriteOne(view, server), "application/json")
                : UnknownPort(view, port));
        group.MapGet("/events", (HttpContext context) => EventsWriter.WriteAsync(context, view));
        group.MapMethods("/frame/{port:int}", GetOrHead, async (int port, long? after, HttpContext context) =>
        {
            if (view.Slot(port) is not { } slot) return UnknownPort(view, port);
            context.Response.Headers.CacheControl = "no-store";
            // The picture kept may be from when someone last looked (raw frames are copied only while someone does):
            // a server that streams is given a moment for one of now.
            var fresh = await slot.LookAsync(Streaming(view, port), context.RequestAborted).ConfigureAwait(false);
            // A frame replaced before it was encoded gives no JPEG: take the newer one (a few tries; frames come fast).
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var newest = attempt == 0 ? fresh : slot.Newest;
                if (newest is null || newest.Version <= (after ?? 0)) return Results.NoContent();
                byte[]? jpeg;
                try
                {
                    jpeg = view.JpegOf(newest);
                }
                catch (Exception ex) when (OpenCvRuntime.IsMissing(ex))
                {
                    return Results.Text(OpenCvRuntime.Missing + "\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
                if (jpeg is null) continue;
                context.Response.Headers["X-Frame-Version"] = newest.Version.ToString(CultureInfo.InvariantCulture);
                return Results.Bytes(jpeg, "image/jpeg");
            }
            return Results.NoContent();
        });
        group.MapGet("/stream/{port:int}", async (int port, HttpContext context) =>
        {
            if (view.Slot(port) is not { } slot)
            {
                await UnknownPort(view, port).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            // The first picture is one of now (see /frame), then each newer one.
            await MjpegWriter.WriteAsync(context, async (version, cancellation) =>
                version == 0 && await slot.LookAsync(Streaming(view, port), cancellation).ConfigureAwait(false) is { } first
                    ? first
                    : await slot.WaitNewerAsync(version, cancellation).ConfigureAwait(false), view.JpegOf, OpenCvRuntime.Loads).ConfigureAwait(false);
        });
        group.MapGet("/montage.mjpg", (HttpContext context) => MjpegWriter.WriteAsync(context, view.Montage.NextAsync, entry => view.JpegOf(entry), OpenCvRuntime.Loads));
        return group;
    }

    /// <summary>
    /// The answers that end also take HEAD (an uptime check, a proxy's probe: the headers without the body); the
    /// streams (<c>/events</c>, <c>/stream</c>, <c>/montage.mjpg</c>) never end, so they take GET only.
    /// </summary>
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    private static bool Streaming(NetGearLiveView view, int port)
        => view.Servers.FirstOrDefault(server => server.Port == port)?.State == ServerState.Streaming;

    private static IResult UnknownPort(NetGearLiveView view, int port) =>
        Results.Text($"No server with port {port}; the ports are {string.Join(", ", view.Ports.Order())}.\n", "text/plain", statusCode: StatusCodes.Status404NotFound);
}
