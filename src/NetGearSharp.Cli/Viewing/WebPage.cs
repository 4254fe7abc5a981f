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
            throw new UsageException("--web", $"cannot listen on {endpoint.Address}:{endpoint.Port} ({ex.Message}); is another program using that port?");
        }
        note($"web page: {server.Address}");
        return server;
    }
}
