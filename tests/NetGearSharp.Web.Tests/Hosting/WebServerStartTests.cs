using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using NetGearSharp.AspNetCore;
using NetGearSharp.Cli;
using NetGearSharp.Cli.Viewing;
using NetGearSharp.Web.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Web.Tests.Hosting;

/// <summary>Where the page's own web server listens, and what a start that fails leaves behind.</summary>
[Collection(FileDescriptorCounts.Name)]
public sealed class WebServerStartTests
{
    private static NetGearClient NewClient() =>
        new(new NetGearClientOptions { Address = "127.0.0.1", Ports = [TestPorts.One()], AutoExit = false });

    [Fact(Timeout = 60_000)]
    public async Task Localhost_with_port_0_listens_on_a_free_loopback_port()
    {
        await using var client = NewClient();
        using var view = new NetGearLiveView(client);
        await using var web = await NetGearWebServer.StartAsync(view, "localhost", 0);

        Assert.Equal("127.0.0.1", web.Address.Host);
        Assert.NotEqual(0, web.Address.Port);
        using var http = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
        (await http.GetAsync("api/servers")).EnsureSuccessStatusCode();
    }

    [Fact(Timeout = 60_000)]
    public async Task The_tool_serves_web_localhost_0_and_says_where()
    {
        await using var client = NewClient();
        using var view = new NetGearLiveView(client);
        var notes = new List<string>();
        await using var web = await WebPage.StartAsync(view, WebEndpoint.Parse("localhost:0", "--web"), notes.Add, CancellationToken.None);

        Assert.Equal([$"web page: http://127.0.0.1:{web.Address.Port}/"], notes);
        using var http = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
        (await http.GetAsync("")).EnsureSuccessStatusCode();
    }

    // The host application's configuration is not the page server's: with it, Kestrel also bound the application's own
    // port and the start failed "address already in use". The variables are process-wide: this class's collection runs
    // alone, and each is restored.
    [Theory(Timeout = 60_000)]
    [InlineData("Kestrel__Endpoints__Http__Url")]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("URLS")]
    public async Task The_application_s_address_variables_do_not_reach_the_page_server(string variable)
    {
        await using var client = NewClient();
        using var view = new NetGearLiveView(client);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var appPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var set = new EnvironmentVariable(variable, $"http://127.0.0.1:{appPort}");
        var asked = TestPorts.One();
        await using var web = await NetGearWebServer.StartAsync(view, "127.0.0.1", asked);

        Assert.Equal(asked, web.Address.Port);
        using var http = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
        (await http.GetAsync("api/servers")).EnsureSuccessStatusCode();
    }

    // Hosting startup assemblies named by the application's environment (ASPNETCORE_HOSTINGSTARTUPASSEMBLIES, set by
    // some hosts and tools) are the application's: the page server loads none of them.
    [Fact(Timeout = 60_000)]
    public async Task Hosting_startup_assemblies_named_by_the_environment_are_not_loaded_by_the_page_server()
    {
        await using var client = NewClient();
        using var view = new NetGearLiveView(client);
        using var set = new EnvironmentVariable("ASPNETCORE_HOSTINGSTARTUPASSEMBLIES", typeof(RecordingHostingStartup).Assembly.GetName().Name);
        // The startup is live: an application's own builder runs it.
        var configured = RecordingHostingStartup.Configured;
        using (var appConfiguration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] }).Configuration)
            Assert.Equal(configured + 1, RecordingHostingStartup.Configured);
        configured = RecordingHostingStartup.Configured;

        await using var web = await NetGearWebServer.StartAsync(view, "127.0.0.1", 0);

        using var http = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
        (await http.GetAsync("api/servers")).EnsureSuccessStatusCode();
        Assert.Equal(configured, RecordingHostingStartup.Configured);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_appsettings_json_in_the_current_folder_does_not_reach_the_page_server()
    {
        await using var client = NewClient();
        using var view = new NetGearLiveView(client);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var appPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var file = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        Assert.False(File.Exists(file), $"{file} exists already");
        File.WriteAllText(file, """{"Kestrel":{"Endpoints":{"Http":{"Url":"http://127.0.0.1:""" + appPort + "\"}}}}");
        try
        {
            await using var web = await NetGearWebServer.StartAsync(view, "127.0.0.1", 0);

            using var http = new HttpClient { BaseAddress = web.Address, Timeout = TimeSpan.FromSeconds(30) };
            (await http.GetAsync("api/servers")).EnsureSuccessStatusCode();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_start_on_a_port_in_use_fails_with_IOException_and_leaves_nothing_behind()
    {
        await using var client = NewClient();
        using var view = new NetGearLiveView(client);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        // Once, so that what every start loads for good (assemblies, pools) is there before counting.
        await Assert.ThrowsAsync<IOException>(() => NetGearWebServer.StartAsync(view, "127.0.0.1", port));

        // An undisposed web application keeps its configuration's file watcher (an inotify instance, and a thread) until
        // a garbage collection finds it: each failed start added one. A collection can only lower the count.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var before = InotifyInstances();
            await Assert.ThrowsAsync<IOException>(() => NetGearWebServer.StartAsync(view, "127.0.0.1", port));
            // A disposed watcher's thread closes its inotify instance a moment later.
            var after = InotifyInstances();
            for (var settle = DateTime.UtcNow + TimeSpan.FromSeconds(3); after > before && DateTime.UtcNow < settle; after = InotifyInstances())
                await Task.Delay(20);
            Assert.True(after <= before, $"failed start {attempt} left {after - before} more inotify instance(s) open ({before} before, {after} after)");
        }
    }

    private static int InotifyInstances() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd =>
        {
            try { return fd.LinkTarget == "anon_inode:inotify"; }
            catch (IOException) { return false; } // closed meanwhile
            catch (UnauthorizedAccessException) { return false; }
        });
}
