using System.Net.Sockets;
using NetGearSharp.AspNetCore;

namespace NetGearSharp.Cli.Viewing;

/// <summary>Starts the live web page of <c>--web</c> and says where it is.</summary>
internal static class WebPage
{
    /// <summary>Starts the page's server; a port in use is a usage error naming <c>--web</c>.</summary>
    public static async Task<NetGearWebServer> StartAsync(NetGearLiveView view, WebEndpoint endpoint, Action<string> note, CancellationToken cancellation)
    {
        NetGearWebServer server;
        try
        {
            server = await NetGearWebServer.StartAsync(view, endpoint.Address, endpoint.Port, cancellationToken: cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException || ex.InnerException is SocketException)
        {
            var error = (ex as SocketException ?? ex.InnerException as SocketException)?.SocketErrorCode;
            var hint = error switch
            {
                SocketError.AddressNotAvailable => $"{endpoint.Address} is not an address of this machine: give one of its own, 127.0.0.1, or * for every interface",
                SocketError.AccessDenied => $"port {endpoint.Port} needs more rights (ports below 1024 are for root): give a port from 1024 up, or 0 for a free one",
                _ => "is another program using that port? Give another, or 0 for a free one",
            };
            throw new UsageException("--web", $"cannot listen on {endpoint.Address}:{endpoint.Port} ({ex.Message}); {hint}.");
        }
        note($"web page: {server.Address}");
        return server;
    }
}
