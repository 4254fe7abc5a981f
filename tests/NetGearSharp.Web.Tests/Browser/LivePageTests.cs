using Microsoft.Playwright;
using NetGearSharp.Web.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Web.Tests.Browser;

/// <summary>
/// The page in a real browser (Debian's chromium, headless) while real <c>netgear serve</c> processes stream to a real
/// <c>netgear view --web</c>.
/// </summary>
public sealed class LivePageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 180_000)]
    public async Task Every_tile_shows_a_changing_picture_and_a_stopped_server_turns_terminated_a_killed_one_lost()
    {
        using var rig = await ViewerProcesses.StartAsync(3, "--jpeg");
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await page.GotoAsync(rig.Page.ToString());

        foreach (var port in rig.Ports)
        {
            var tile = Tile(page, port);
            await Assertions.Expect(tile).ToHaveAttributeAsync("data-state", "streaming", new() { Timeout = (float)Patience.TotalMilliseconds });
            await Assertions.Expect(tile.Locator("img")).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            await Assertions.Expect(tile.Locator(".message")).ToContainTextAsync("cam-", new() { Timeout = (float)Patience.TotalMilliseconds });
        }
        Assert.Equal(3, await page.Locator(".tile").CountAsync());
        var first = await ShootTilesAsync(page, rig.Ports);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var second = await ShootTilesAsync(page, rig.Ports);
        for (var i = 0; i < rig.Ports.Length; i++)
        {
            using var a = Pictures.Decode(first[i]);
            using var b = Pictures.Decode(second[i]);
            Assert.True(Pictures.Contrast(a) > 10, $"tile {rig.Ports[i]} shows a blank picture");
            Assert.True(Pictures.Difference(a, b) > 1, $"tile {rig.Ports[i]}'s picture did not change in 1.5 s");
        }
        var fps = await Tile(page, rig.Ports[0]).Locator(".fps").InnerTextAsync();
        Assert.Matches(@"^\d+\.\d frames/s$", fps);

        await SaveForDocsAsync(page, "web-page.png");

        rig.Servers[0].Interrupt();                     // Ctrl+C: the server says goodbye
        rig.Servers[1].Dispose();                       // killed: no goodbye
        await Assertions.Expect(Tile(page, rig.Ports[0])).ToHaveAttributeAsync("data-state", "terminated", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(Tile(page, rig.Ports[1])).ToHaveAttributeAsync("data-state", "lost", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(Tile(page, rig.Ports[2])).ToHaveAttributeAsync("data-state", "streaming");
        await Assertions.Expect(Tile(page, rig.Ports[0]).Locator(".state")).ToHaveTextAsync("terminated");
        await Assertions.Expect(Tile(page, rig.Ports[1]).Locator(".state")).ToHaveTextAsync("lost");
        // The colour follows the state.
        var terminated = await Tile(page, rig.Ports[0]).Locator(".state").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var lost = await Tile(page, rig.Ports[1]).Locator(".state").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var streaming = await Tile(page, rig.Ports[2]).Locator(".state").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal(3, new[] { terminated, lost, streaming }.Distinct().Count());
        await SaveForDocsAsync(page, "web-page-states.png");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_tile_appears_when_its_server_joins()
    {
        using var rig = await ViewerProcesses.StartViewerAsync(1);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 420, Height = 800 } });
        await page.GotoAsync(rig.Page.ToString());
        // Before the server: no tile, the port among those waited for.
        await Assertions.Expect(page.Locator("#waiting .chip")).ToHaveTextAsync(rig.Ports[0].ToString(), new() { Timeout = (float)Patience.TotalMilliseconds });
        Assert.Equal(0, await page.Locator(".tile").CountAsync());

        rig.StartServers();
        await Assertions.Expect(Tile(page, rig.Ports[0])).ToHaveAttributeAsync("data-state", "streaming", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#waiting")).ToBeHiddenAsync();
        var box = await Tile(page, rig.Ports[0]).BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width <= 420, $"on a narrow screen the tile is {box.Width} px wide");
        using var shot = Pictures.Decode(await Tile(page, rig.Ports[0]).Locator("img").ScreenshotAsync());
        Assert.True(Pictures.Contrast(shot) > 10);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_open_page_shows_the_new_pictures_after_the_viewer_restarts_on_the_same_address()
    {
        // The first viewer runs long enough (fast) that its picture numbers are far ahead of the restarted one's (slow).
        // A web port from FreePorts (below the ephemeral range): one the OS chose could be taken by an outgoing
        // connection of the tests running beside this one between the two viewers.
        var first = await LiveRig.StartAsync(1, jpeg: true, fps: 40, webPort: TestPorts.One());
        var port = first.Ports[0];
        var webPort = first.Address.Port;
        long shownBefore;
        IPage page;
        await using var chromium = await DisposeOnFailureAsync(first, Chromium.LaunchAsync());
        try
        {
            page = await chromium.Browser.NewPageAsync();
            await page.GotoAsync(first.Address.ToString());
            await page.WaitForFunctionAsync("p => Number(document.querySelector(`.tile[data-port='${p}']`)?.dataset.image) >= 60", port,
                new() { Timeout = (float)Patience.TotalMilliseconds });
            shownBefore = long.Parse(await Tile(page, port).GetAttributeAsync("data-image") ?? "0");
        }
        finally
        {
            await first.DisposeAsync();
        }

        // A new viewer process: same server port, same web address, picture numbers from 1 again.
        await using var second = await StartWhenFreeAsync(port, webPort);
        // At 2 frames/s the new numbers stay far below the old ones for the whole wait: the tile must follow them.
        await page.WaitForFunctionAsync(
            "([p, before]) => { const v = Number(document.querySelector(`.tile[data-port='${p}']`)?.dataset.image); return v >= 1 && v < before; }",
            new object[] { port, shownBefore }, new() { Timeout = 15_000 });
        var restarted = long.Parse(await Tile(page, port).GetAttributeAsync("data-image") ?? "0");
        await page.WaitForFunctionAsync(
            "([p, seen]) => { const v = Number(document.querySelector(`.tile[data-port='${p}']`)?.dataset.image); return v > seen; }",
            new object[] { port, restarted }, new() { Timeout = 15_000 });
        await Assertions.Expect(Tile(page, port)).ToHaveAttributeAsync("data-state", "streaming");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_page_whose_viewer_went_away_greys_its_tiles_and_asks_for_pictures_rarely()
    {
        var rig = await LiveRig.StartAsync(1, jpeg: true, fps: 30);
        var port = rig.Ports[0];
        await using var chromium = await DisposeOnFailureAsync(rig, Chromium.LaunchAsync());
        var frameRequests = new System.Collections.Concurrent.ConcurrentQueue<long>();
        IPage page;
        try
        {
            page = await chromium.Browser.NewPageAsync();
            page.Request += (_, request) =>
            {
                if (request.Url.Contains("/frame/", StringComparison.Ordinal)) frameRequests.Enqueue(Environment.TickCount64);
            };
            await page.GotoAsync(rig.Address.ToString());
            await page.WaitForFunctionAsync("p => Number(document.querySelector(`.tile[data-port='${p}']`)?.dataset.image) >= 5", port,
                new() { Timeout = (float)Patience.TotalMilliseconds });
            // The 'no picture yet' text is hidden behind a picture (before: shown around one that did not fill the tile).
            Assert.Equal("none", await Tile(page, port).Locator(".none").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        }
        finally
        {
            await rig.DisposeAsync(); // the viewer goes away
        }

        await page.WaitForFunctionAsync("() => document.body.classList.contains('offline')", null, new() { Timeout = 15_000 });
        await Task.Delay(TimeSpan.FromSeconds(3)); // the failures' back-off settles
        var from = Environment.TickCount64;
        await Task.Delay(TimeSpan.FromSeconds(4));
        var asked = frameRequests.Count(at => at >= from);
        // Before: a 30 frames/s tile asked about 27 times a second, every request refused.
        Assert.True(asked <= 4, $"{asked} picture requests in 4 s to a viewer that is gone");
        Assert.Equal("0.5", await Tile(page, port).EvaluateAsync<string>("e => getComputedStyle(e).opacity"));
    }

    /// <summary>A slow one-server rig on these ports once the last one let them go (libzmq closes on its I/O thread).</summary>
    private static async Task<LiveRig> StartWhenFreeAsync(int port, int webPort)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return await LiveRig.StartAsync(1, jpeg: true, fps: 2, serverPorts: [port], webPort: webPort);
            }
            catch (PortInUseException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Awaits <paramref name="starting"/>; if it fails, disposes <paramref name="rig"/> (its servers stream on otherwise).</summary>
    private static async Task<T> DisposeOnFailureAsync<T>(LiveRig rig, Task<T> starting)
    {
        try
        {
            return await starting;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private static ILocator Tile(IPage page, int port) => page.Locator($".tile[data-port='{port}']");

    private static async Task<byte[][]> ShootTilesAsync(IPage page, int[] ports)
    {
        var shots = new byte[ports.Length][];
        for (var i = 0; i < ports.Length; i++) shots[i] = await Tile(page, ports[i]).Locator("img").ScreenshotAsync();
        return shots;
    }

    /// <summary>With NETGEAR_DOCS_IMAGES set to a folder, saves the page there (how docs/images is made).</summary>
    private static async Task SaveForDocsAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("NETGEAR_DOCS_IMAGES") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(folder, name) });
    }
}
