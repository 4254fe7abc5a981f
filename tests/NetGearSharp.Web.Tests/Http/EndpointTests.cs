using System.Net;
using System.Text.Json;
using NetGearSharp.Web.Tests.Support;
using OpenCvSharp;

namespace NetGearSharp.Web.Tests.Http;

/// <summary>The endpoints over real HTTP, with real servers streaming to a real client in this process.</summary>
public sealed class EndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static HttpClient Http(LiveRig rig) => new() { BaseAddress = rig.Address, Timeout = Patience };

    private static async Task<JsonElement[]> WaitForAsync(HttpClient http, Func<JsonElement[], bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync("api/servers", deadline.Token));
            var servers = doc.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.Clone()).ToArray();
            if (condition(servers)) return servers;
            await Task.Delay(100, deadline.Token);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Api_servers_has_the_summary_fields_of_every_server_and_unknown_ports_are_404()
    {
        await using var rig = await LiveRig.StartAsync(3, jpeg: true);
        using var http = Http(rig);
        var servers = await WaitForAsync(http, s => s.All(x => x.GetProperty("state").GetString() == "streaming" && x.GetProperty("image").GetInt64() > 0));

        Assert.Equal(rig.Ports.Order(), servers.Select(s => s.GetProperty("port").GetInt32()).Order());
        foreach (var s in servers)
        {
            foreach (var field in new[] { "port", "state", "frames", "bytes", "lastMessage", "malformed", "framesPerSecond", "bytesPerSecond" })
                Assert.True(s.TryGetProperty(field, out _), $"missing {field} in {s}");
            Assert.True(s.GetProperty("frames").GetInt64() > 0);
            Assert.True(s.GetProperty("bytes").GetInt64() > 0);
            Assert.Equal(0, s.GetProperty("malformed").GetInt64());
            Assert.Equal(s.GetProperty("port").GetInt32(), s.GetProperty("lastMessage").GetProperty("port").GetInt32());
        }
        using var one = JsonDocument.Parse(await http.GetStringAsync($"api/servers/{rig.Ports[1]}"));
        Assert.Equal(rig.Ports[1], one.RootElement.GetProperty("port").GetInt32());

        var unknown = Enumerable.Range(1, 65535).First(p => !rig.Ports.Contains(p));
        foreach (var path in new[] { $"api/servers/{unknown}", $"frame/{unknown}", $"stream/{unknown}" })
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains($"No server with port {unknown}", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Api_servers_names_the_view_instance_and_a_new_view_has_another()
    {
        // Picture numbers start at 1 in every view: the page compares the instance to notice a restarted viewer.
        await using var rig = await LiveRig.StartAsync(1, jpeg: true);
        using var http = Http(rig);
        using var doc = JsonDocument.Parse(await http.GetStringAsync("api/servers"));
        var instance = doc.RootElement.GetProperty("instance").GetString();
        Assert.False(string.IsNullOrEmpty(instance));
        Assert.Equal(rig.View.Instance, instance);
        using var again = JsonDocument.Parse(await http.GetStringAsync("api/servers"));
        Assert.Equal(instance, again.RootElement.GetProperty("instance").GetString());
        using var other = new NetGearSharp.AspNetCore.NetGearLiveView(rig.Client);
        Assert.NotEqual(instance, other.Instance);
    }

    [Fact(Timeout = 90_000)]
    public async Task Events_carry_the_servers_rates_and_a_server_that_says_goodbye_turns_terminated()
    {
        await using var rig = await LiveRig.StartAsync(2, jpeg: true);
        using var http = Http(rig);
        using var deadline = new CancellationTokenSource(Patience);
        using var response = await http.GetAsync("events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        async Task<JsonElement[]> NextEventAsync()
        {
            string? line;
            var sawName = false;
            while ((line = await reader.ReadLineAsync(deadline.Token)) is not null)
            {
                if (line == "event: servers") sawName = true;
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Assert.True(sawName, "a data line without its event name");
                    using var doc = JsonDocument.Parse(line["data: ".Length..]);
                    return doc.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.Clone()).ToArray();
                }
            }
            throw new EndOfStreamException("the event stream ended");
        }

        JsonElement[] servers;
        do servers = await NextEventAsync();
        while (!servers.All(s => s.GetProperty("state").GetString() == "streaming" && s.GetProperty("frames").GetInt64() > 5));
        var framesBefore = servers.Sum(s => s.GetProperty("frames").GetInt64());
        servers = await NextEventAsync();
        Assert.True(servers.Sum(s => s.GetProperty("frames").GetInt64()) >= framesBefore);

        rig.StopServer(0);   // a goodbye
        do servers = await NextEventAsync();
        while (servers.Single(s => s.GetProperty("port").GetInt32() == rig.Ports[0]).GetProperty("state").GetString() != "terminated");
        Assert.Equal("streaming", servers.Single(s => s.GetProperty("port").GetInt32() == rig.Ports[1]).GetProperty("state").GetString());
    }

    [Fact(Timeout = 90_000)]
    public async Task Jpeg_frames_stream_as_mjpeg_without_being_encoded_again()
    {
        await using var rig = await LiveRig.StartAsync(2, jpeg: true);
        using var http = Http(rig);
        using var deadline = new CancellationTokenSource(Patience);
        using var response = await http.GetAsync($"stream/{rig.Ports[0]}", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("boundary=netgearframe", response.Content.Headers.ContentType!.ToString());
        var mjpeg = new Mjpeg(await response.Content.ReadAsStreamAsync(deadline.Token));
        var pictures = new List<Mat>();
        try
        {
            for (var i = 0; i < 6; i++) pictures.Add(Pictures.Decode(await mjpeg.NextAsync(deadline.Token)));
            foreach (var p in pictures)
            {
                Assert.Equal(new Size(320, 240), p.Size());
                Assert.True(Pictures.Contrast(p) > 10, "a blank picture");
            }
            Assert.True(Pictures.Difference(pictures[0], pictures[^1]) > 1, "the stream's pictures do not change");
            Assert.Equal(0, rig.View.EncodedFrames);
            Assert.True(rig.View.PassedThroughFrames >= 6);
        }
        finally
        {
            foreach (var p in pictures) p.Dispose();
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Raw_frames_are_encoded_once_per_frame_however_many_browsers_watch()
    {
        // 5 frames/s: the readers' 8 parts span few frames, far fewer than the 48 encodes of one per reader and part,
        // however slowly the readers start.
        await using var rig = await LiveRig.StartAsync(1, jpeg: false, fps: 5);
        using var http = Http(rig);
        using var deadline = new CancellationTokenSource(Patience);
        const int Readers = 6, Parts = 8;
        var before = rig.View.NewestFrame(rig.Ports[0])?.Version ?? 0;
        var readers = Enumerable.Range(0, Readers).Select(async _ =>
        {
            using var response = await http.GetAsync($"stream/{rig.Ports[0]}", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var mjpeg = new Mjpeg(await response.Content.ReadAsStreamAsync(deadline.Token));
            for (var i = 0; i < Parts; i++)
            {
                using var picture = Pictures.Decode(await mjpeg.NextAsync(deadline.Token));
                Assert.Equal(new Size(320, 240), picture.Size());
            }
        }).ToArray();
        await Task.WhenAll(readers);
        var published = rig.View.NewestFrame(rig.Ports[0])!.Version;
        // At most one encode per frame published while they read (and the newest one before they started).
        Assert.InRange(rig.View.EncodedFrames, Parts, published - before + 1);
        Assert.Equal(0, rig.View.PassedThroughFrames);
    }

    [Fact(Timeout = 90_000)]
    public async Task A_browser_that_stops_reading_does_not_stop_the_servers()
    {
        await using var rig = await LiveRig.StartAsync(2, jpeg: false, fps: 15, width: 640, height: 480);
        using var http = Http(rig);
        using var deadline = new CancellationTokenSource(Patience);
        var stalled = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 4; i++)
                stalled.Add(await http.GetAsync($"stream/{rig.Ports[i % 2]}", HttpCompletionOption.ResponseHeadersRead, deadline.Token)); // never read
            var before = rig.FramesSent;
            await Task.Delay(TimeSpan.FromSeconds(3), deadline.Token);
            var after = rig.FramesSent;
            for (var i = 0; i < before.Length; i++)
                Assert.True(after[i] - before[i] >= 15, $"server {i} sent {after[i] - before[i]} frames in 3 s while browsers did not read (15 fps asked)");
        }
        finally
        {
            foreach (var r in stalled) r.Dispose();
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task A_raw_servers_picture_asked_for_after_nobody_looked_for_a_while_is_one_of_now()
    {
        // Raw frames are copied only while someone looks (FrameSlot.WantedFor, 5 s): after that, the picture kept is
        // from when someone last looked. Before, /frame answered with it at once (22 s old in a user's try).
        await using var rig = await LiveRig.StartAsync(1, jpeg: false);
        using var http = Http(rig);
        await WaitForAsync(http, s => s.All(x => x.GetProperty("state").GetString() == "streaming"));
        using var deadline = new CancellationTokenSource(Patience);
        async Task<long> VersionAsync()
        {
            using var frame = await http.GetAsync($"frame/{rig.Ports[0]}", deadline.Token);
            Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
            return long.Parse(frame.Headers.GetValues("X-Frame-Version").Single());
        }

        var looked = await VersionAsync();
        await Task.Delay(NetGearSharp.AspNetCore.Live.FrameSlot.WantedFor + TimeSpan.FromSeconds(1), deadline.Token); // nobody looks: frames go uncopied
        var kept = rig.View.NewestFrame(rig.Ports[0])!.Version;
        Assert.True(rig.View.Slot(rig.Ports[0])!.Behind, "frames came without being copied, yet the slot does not know its picture is old");

        var now = await VersionAsync();
        Assert.True(now > kept, $"/frame answered with the picture kept from {looked} ({kept}), not one of now");
    }

    [Fact(Timeout = 90_000)]
    public async Task HEAD_is_answered_on_the_page_the_api_and_pictures_with_headers_and_no_body()
    {
        // An uptime check or a proxy's probe: before, every endpoint said 405 Method Not Allowed.
        await using var rig = await LiveRig.StartAsync(1, jpeg: true);
        using var http = Http(rig);
        await WaitForAsync(http, s => s.All(x => x.GetProperty("image").GetInt64() > 0));
        foreach (var (path, type) in new[] { ("", "text/html"), ("api/servers", "application/json"), ($"api/servers/{rig.Ports[0]}", "application/json"), ($"frame/{rig.Ports[0]}", "image/jpeg") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, path);
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"HEAD /{path}: {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Montage_and_frame_endpoints_serve_pictures_of_the_joined_servers()
    {
        await using var rig = await LiveRig.StartAsync(3, jpeg: true);
        using var http = Http(rig);
        await WaitForAsync(http, s => s.All(x => x.GetProperty("image").GetInt64() > 0));
        using var deadline = new CancellationTokenSource(Patience);

        using (var frame = await http.GetAsync($"frame/{rig.Ports[2]}", deadline.Token))
        {
            Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
            Assert.Equal("image/jpeg", frame.Content.Headers.ContentType?.MediaType);
            var version = long.Parse(frame.Headers.GetValues("X-Frame-Version").Single());
            using var picture = Pictures.Decode(await frame.Content.ReadAsByteArrayAsync(deadline.Token));
            Assert.Equal(new Size(320, 240), picture.Size());
            using var none = await http.GetAsync($"frame/{rig.Ports[2]}?after={long.MaxValue}", deadline.Token);
            Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
            Assert.True(version > 0);
        }

        using var response = await http.GetAsync("montage.mjpg", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        var mjpeg = new Mjpeg(await response.Content.ReadAsStreamAsync(deadline.Token));
        using var first = Pictures.Decode(await mjpeg.NextAsync(deadline.Token));
        Assert.Equal(new Size(640, 480), first.Size()); // 3 servers: a 2x2 grid of 320x240 tiles
        using var second = Pictures.Decode(await mjpeg.NextAsync(deadline.Token));
        foreach (var tile in new[] { new Rect(0, 0, 320, 240), new Rect(320, 0, 320, 240), new Rect(0, 240, 320, 240) })
        {
            using var a = new Mat(first, tile);
            Assert.True(Pictures.Contrast(a) > 10, $"montage tile {tile} is blank");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task The_page_is_one_self_contained_html_file()
    {
        await using var rig = await LiveRig.StartAsync(1, jpeg: true);
        using var http = Http(rig);
        using var response = await http.GetAsync("");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script>", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("<script src", html);
    }
}
