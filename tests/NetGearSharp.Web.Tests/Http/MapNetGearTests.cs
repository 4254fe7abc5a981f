using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetGearSharp.AspNetCore;
using NetGearSharp.Web.Tests.Support;

namespace NetGearSharp.Web.Tests.Http;

/// <summary><c>app.MapNetGear(view, prefix)</c> in a user's own app, beside the app's own endpoints.</summary>
public sealed class MapNetGearTests
{
    [Fact(Timeout = 90_000)]
    public async Task The_endpoints_live_under_a_prefix_beside_the_apps_own()
    {
        await using var rig = await LiveRig.StartAsync(2, jpeg: true);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGet("/", () => "the app's own home");
        app.MapNetGear(rig.View, "/cameras");
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal("the app's own home", await http.GetStringAsync("/"));

            using var page = await http.GetAsync("/cameras");   // redirected to /cameras/ (the page's links are relative)
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("/cameras/", page.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("EventSource(\"events\")", await page.Content.ReadAsStringAsync());

            using var doc = JsonDocument.Parse(await http.GetStringAsync("/cameras/api/servers"));
            Assert.Equal(rig.Ports.Order(), doc.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("port").GetInt32()).Order());
            using var missing = await http.GetAsync("/api/servers");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
