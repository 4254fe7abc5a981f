using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace NetGearSharp.AspNetCore.Endpoints;

/// <summary>
/// Ends a long response (events, MJPEG) when the browser goes away or the app stops: without the latter, the host
/// would wait its whole shutdown timeout for streams that never end by themselves.
/// </summary>
internal static class RequestStop
{
    public static CancellationTokenSource For(HttpContext context)
    {
        var lifetime = context.RequestServices.GetService<IHostApplicationLifetime>();
        return lifetime is null
            ? CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted)
            : CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    }
}
