using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NetGearSharp.AspNetCore;

/// <summary>
/// A small web server of its own that serves only the live page and its endpoints (what <c>netgear view --web</c>
/// runs). To add the page to your own app instead, use <see cref="NetGearEndpoints.MapNetGear"/>. It takes no process
/// signals: Ctrl+C and SIGTERM stay with the application, which disposes the server when it ends. It reads none of the
/// application's configuration (no <c>appsettings.json</c>, no <c>Kestrel__…</c>, <c>ASPNETCORE_URLS</c> or <c>URLS</c>
/// environment variables): it listens only on the address and port it is given.
/// </summary>
public sealed class NetGearWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NetGearWebServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address it listens on, e.g. <c>http://127.0.0.1:8080/</c> (with the actual port when 0 was asked).</summary>
    public Uri Address { get; }

    /// <summary>Starts listening on <paramref name="address"/>:<paramref name="port"/>.</summary>
    /// <param name="view">The live view to serve.</param>
    /// <param name="address">
    /// An IP address, <c>localhost</c> (127.0.0.1 and ::1; 127.0.0.1 only with port 0), or <c>*</c> for every
    /// interface. Default 127.0.0.1 (this machine only).
    /// </param>
    /// <param name="port">The TCP port, 0-65535; 0 lets the system choose a free one.</param>
    /// <param name="loggerFactory">Where ASP.NET Core logs go; default nowhere.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The address or port is invalid.</exception>
    /// <exception cref="IOException">The port cannot be bound (for example, it is in use).</exception>
    public static async Task<NetGearWebServer> StartAsync(NetGearLiveView view, string address = "127.0.0.1", int port = 0,
        ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (port is < 0 or > 65535) throw new ArgumentException($"Web port {port} is outside the allowed range 0-65535 (0: any free port).", nameof(port));
        var any = address is "*" or "+" or "0.0.0.0";
        IPAddress? ip = null;
        if (!any && address != "localhost" && !IPAddress.TryParse(address.Trim('[', ']'), out ip))
            throw new ArgumentException($"Web address '{address}' is not an IP address, 'localhost' or '*' (every interface).", nameof(address));

        // A guest in the host process: none of the application's configuration (appsettings.json in the current folder,
        // Kestrel__Endpoints__…, ASPNETCORE_URLS, URLS, HTTP_PORTS, ASPNETCORE_ENVIRONMENT) reaches this server, so it
        // listens only where it was told, and a port of the application's own is not bound a second time. The slim
        // builder loads no hosting startup assembly (ASPNETCORE_HOSTINGSTARTUPASSEMBLIES stays the application's).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null) builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>(); // Ctrl+C and SIGTERM stay the application's
        builder.WebHost.UseKestrel(kestrel =>
        {
            if (any) kestrel.ListenAnyIP(port);
            // localhost is 127.0.0.1 and ::1 on one port; Kestrel cannot pick one free port for both, so with port 0
            // localhost means 127.0.0.1 only.
            else if (ip is null && port == 0) kestrel.Listen(IPAddress.Loopback, 0);
            else if (ip is null) kestrel.ListenLocalhost(port);
            else kestrel.Listen(ip, port);
        });
        var app = builder.Build();
        try
        {
            app.MapNetGear(view);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The web server started without an address.");
            var uri = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal).TrimEnd('/') + "/");
            return new NetGearWebServer(app, uri);
        }
        catch
        {
            // A start that failed (port in use, cancelled) leaves nothing running: no listener, no configuration watcher.
            try
            {
                await StopAndDisposeAsync(app).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The start's error is the one to report.
            }
            throw;
        }
    }

    /// <summary>Stops listening; open streams end.</summary>
    public ValueTask DisposeAsync() => StopAndDisposeAsync(_app);

    private static async ValueTask StopAndDisposeAsync(WebApplication app)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
