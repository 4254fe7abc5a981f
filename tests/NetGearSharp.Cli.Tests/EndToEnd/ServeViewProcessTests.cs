using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>Real <c>netgear serve</c> and <c>netgear view</c> processes talking over loopback.</summary>
public sealed class ServeViewProcessTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    [Fact(Timeout = 120_000)]
    public async Task Three_servers_jpeg_json_message_and_video_file_reach_one_viewer_which_ends_by_itself()
    {
        var ports = TestPorts.Take(3);
        var processes = new List<CliProcess>();
        try
        {
            var view = CliProcess.Start("view", "--ports", string.Join(",", ports), "--address", "127.0.0.1", "--summary", "json");
            processes.Add(view);
            // Servers start once the viewer listens: a Request/Reply server whose first frame waits longer than the
            // request timeout re-sends it (Lazy Pirate), which may deliver that frame twice.
            await view.WaitForOutputAsync("listening on", ProcessTimeout);
            processes.Add(CliProcess.Start("serve", "--port", ports[0].ToString(), "--jpeg", "--frames", "40", "--fps", "20"));
            processes.Add(CliProcess.Start("serve", "--port", ports[1].ToString(), "--message", """{"camera":"door","level":[1,2]}""", "--frames", "30", "--fps", "20", "--size", "320x240"));
            processes.Add(CliProcess.Start("serve", "--port", ports[2].ToString(), "--source", RepoPaths.Media("vtest.avi"), "--frames", "25", "--fps", "20"));

            for (var i = 1; i < processes.Count; i++)
            {
                Assert.True(0 == await processes[i].WaitAsync(ProcessTimeout), $"serve exited non-zero: {processes[i].StandardError}");
                Assert.True(processes[i].StandardOutput.Contains("goodbye acknowledged", StringComparison.Ordinal),
                    $"{processes[i].Arguments}: no acknowledged goodbye.\nserve stdout:\n{processes[i].StandardOutput}\nserve stderr:\n{processes[i].StandardError}\nview stderr so far:\n{view.StandardError}");
            }
            var code = await view.WaitAsync(ProcessTimeout);
            Assert.True(code == 0, $"view exit {code}: {view.StandardError}");

            using var summary = JsonDocument.Parse(view.StandardOutput); // exactly one JSON object: Parse fails on anything else
            var servers = summary.RootElement.GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("port").GetInt32());
            Assert.Equal(3, servers.Count);
            foreach (var s in servers.Values)
            {
                Assert.Equal("terminated", s.GetProperty("state").GetString());
                Assert.Equal(0, s.GetProperty("malformed").GetInt64());
            }
            var jpeg = servers[ports[0]];
            var message = servers[ports[1]];
            var video = servers[ports[2]];
            Assert.Equal(40, jpeg.GetProperty("frames").GetInt64());
            Assert.Equal(30, message.GetProperty("frames").GetInt64());
            Assert.Equal(25, video.GetProperty("frames").GetInt64());
            Assert.True(jpeg.GetProperty("bytes").GetInt64() < 40L * 640 * 480 * 3 / 4, "JPEG frames should be much smaller than raw ones");
            Assert.Equal(30L * 320 * 240 * 3, message.GetProperty("bytes").GetInt64());
            Assert.Equal(25L * 768 * 576 * 3, video.GetProperty("bytes").GetInt64());
            Assert.Equal(JsonValueKind.Null, jpeg.GetProperty("lastMessage").ValueKind);
            Assert.Equal("door", message.GetProperty("lastMessage").GetProperty("camera").GetString());
            Assert.Equal([1, 2], message.GetProperty("lastMessage").GetProperty("level").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(95, summary.RootElement.GetProperty("totalFrames").GetInt64());
            Assert.Equal(0, summary.RootElement.GetProperty("filteredOut").GetInt64());
        }
        finally
        {
            foreach (var process in processes) process.Dispose();
        }
    }

    [Theory(Timeout = 90_000)]
    [InlineData("reqrep")]
    [InlineData("pubsub")]
    public async Task Ctrl_C_in_serve_sends_the_goodbye_so_the_viewer_sees_terminated_not_lost(string pattern)
    {
        var port = TestPorts.One();
        using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--summary", "json", "--pattern", pattern);
        await view.WaitForOutputAsync("listening on", ProcessTimeout);
        using var serve = CliProcess.Start("serve", "--port", port.ToString(), "--pattern", pattern, "--size", "160x120", "--message", "hello camera");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!view.StandardError.Contains("-> streaming", StringComparison.Ordinal))
        {
            Assert.False(serve.HasExited, $"serve ended early: {serve.StandardError}");
            await Task.Delay(100, deadline.Token);
        }
        serve.Interrupt();
        Assert.Equal(0, await serve.WaitAsync(ProcessTimeout));
        Assert.Equal(0, await view.WaitAsync(ProcessTimeout));
        using var summary = JsonDocument.Parse(view.StandardOutput);
        var server = summary.RootElement.GetProperty("servers")[0];
        Assert.Equal("terminated", server.GetProperty("state").GetString());
        Assert.True(server.GetProperty("frames").GetInt64() > 0);
        Assert.Equal("hello camera", server.GetProperty("lastMessage").GetString());
    }

    [Fact(Timeout = 90_000)]
    public async Task Record_writes_one_video_file_per_server_with_every_frame()
    {
        var ports = TestPorts.Take(2);
        var dir = Path.Combine(Path.GetTempPath(), "netgear-record-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var view = CliProcess.Start("view", "--ports", $"{ports[0]},{ports[1]}", "--address", "127.0.0.1", "--record", dir);
            await view.WaitForOutputAsync("listening on", ProcessTimeout);
            using var video = CliProcess.Start("serve", "--port", ports[0].ToString(), "--source", RepoPaths.Media("vtest.avi"), "--frames", "12", "--fps", "0");
            using var pattern = CliProcess.Start("serve", "--port", ports[1].ToString(), "--size", "160x120", "--frames", "8", "--fps", "0", "--jpeg");
            Assert.Equal(0, await video.WaitAsync(ProcessTimeout));
            Assert.Equal(0, await pattern.WaitAsync(ProcessTimeout));
            Assert.True(0 == await view.WaitAsync(ProcessTimeout), view.StandardError);
            Assert.Contains("recorded 2 file(s)", view.StandardOutput + view.StandardError);

            AssertVideo(Assert.Single(Directory.GetFiles(dir, $"netgear-{ports[0]}-*.avi")), 12, 768, 576);
            AssertVideo(Assert.Single(Directory.GetFiles(dir, $"netgear-{ports[1]}-*.avi")), 8, 160, 120);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task Record_segment_splits_a_servers_stream_into_files_that_together_hold_every_frame()
    {
        var port = TestPorts.One();
        var dir = Path.Combine(Path.GetTempPath(), "netgear-record-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Files of 1.2 s; the server streams 36 frames at 10 frames/s (3.6 s).
            using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--record", dir, "--record-segment", "1.2");
            await view.WaitForOutputAsync("listening on", ProcessTimeout);
            using var serve = CliProcess.Start("serve", "--port", port.ToString(), "--size", "160x120", "--frames", "36", "--fps", "10");
            Assert.Equal(0, await serve.WaitAsync(ProcessTimeout));
            Assert.True(0 == await view.WaitAsync(ProcessTimeout), view.StandardError);

            var files = Directory.GetFiles(dir, $"netgear-{port}-*.avi").Order(StringComparer.Ordinal).ToArray();
            Assert.InRange(files.Length, 2, 4);
            Assert.Contains($"recorded {files.Length} file(s)", view.StandardOutput + view.StandardError);
            Assert.Equal(36, files.Sum(file => CountFrames(file, 160, 120)));
            // Each file's header has the rate its frames came at (not a fixed 30), so it plays at the camera's speed.
            foreach (var file in files.Where(file => CountFrames(file, 160, 120) >= 5))
            {
                using var capture = new OpenCvSharp.VideoCapture(file);
                Assert.InRange(capture.Get(OpenCvSharp.VideoCaptureProperties.Fps), 6, 14);
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertVideo(string path, int frames, int width, int height) => Assert.Equal(frames, CountFrames(path, width, height));

    private static int CountFrames(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        using var capture = new OpenCvSharp.VideoCapture(path);
        Assert.True(capture.IsOpened(), $"{path} cannot be read back");
        using var mat = new OpenCvSharp.Mat();
        var count = 0;
        while (capture.Read(mat) && !mat.Empty())
        {
            Assert.Equal(new OpenCvSharp.Size(width, height), mat.Size());
            count++;
        }
        return count;
    }

    [Fact(Timeout = 90_000)]
    public async Task Demo_runs_headless_and_ends_by_itself_with_every_server_terminated()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "demo", "--servers", "3", "--seconds", "2", "--summary", "json");
        Assert.True(code == 0, $"demo exit {code}: {stderr}");
        Assert.Contains("montage window skipped", stderr);
        using var summary = JsonDocument.Parse(stdout);
        var servers = summary.RootElement.GetProperty("servers").EnumerateArray().ToArray();
        Assert.Equal(3, servers.Length);
        Assert.All(servers, s => Assert.Equal("terminated", s.GetProperty("state").GetString()));
        Assert.All(servers, s => Assert.True(s.GetProperty("frames").GetInt64() > 0));
        Assert.All(servers, s => Assert.StartsWith("demo-", s.GetProperty("lastMessage").GetProperty("camera").GetString()));
    }

    [Fact(Timeout = 90_000)]
    public async Task Filter_keeps_one_server_and_counts_the_other_as_filtered_out()
    {
        var ports = TestPorts.Take(2);
        using var view = CliProcess.Start("view", "--ports", $"{ports[0]},{ports[1]}", "--filter", ports[1].ToString(), "--address", "127.0.0.1", "--summary", "json");
        await view.WaitForOutputAsync("listening on", ProcessTimeout);
        using var dropped = CliProcess.Start("serve", "--port", ports[0].ToString(), "--size", "64x48", "--frames", "10", "--fps", "0");
        using var kept = CliProcess.Start("serve", "--port", ports[1].ToString(), "--size", "64x48", "--frames", "12", "--fps", "0", "--message", "7");
        Assert.Equal(0, await dropped.WaitAsync(ProcessTimeout));
        Assert.Equal(0, await kept.WaitAsync(ProcessTimeout));
        Assert.True(0 == await view.WaitAsync(ProcessTimeout), view.StandardError);
        using var summary = JsonDocument.Parse(view.StandardOutput);
        var servers = summary.RootElement.GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("port").GetInt32());
        Assert.Equal(0, servers[ports[0]].GetProperty("frames").GetInt64());
        Assert.Equal(12, servers[ports[1]].GetProperty("frames").GetInt64());
        Assert.Equal(7, servers[ports[1]].GetProperty("lastMessage").GetInt32());
        Assert.All(servers.Values, s => Assert.Equal("terminated", s.GetProperty("state").GetString()));
        Assert.Equal(10, summary.RootElement.GetProperty("filteredOut").GetInt64());
        Assert.Equal(12, summary.RootElement.GetProperty("totalFrames").GetInt64());
    }

    [Fact(Timeout = 60_000)]
    public async Task Window_without_display_is_skipped_with_a_message_and_wait_first_without_servers_fails_with_1()
    {
        var port = TestPorts.One();
        var (code, stdout, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--ports", port.ToString(), "--address", "127.0.0.1", "--window", "--wait-first", "1");
        Assert.Equal(1, code);
        Assert.Contains("montage window skipped", stdout + stderr);
        Assert.Contains("no server connected", stderr);
        Assert.Contains("--wait-first", stderr);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_port_in_use_is_a_runtime_failure_with_one_line_and_no_stack_trace()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var (code, _, stderr) = await CliProcess.RunAsync(ProcessTimeout, "view", "--ports", port.ToString(), "--address", "127.0.0.1");
        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(port.ToString(), lines[0]);
        Assert.DoesNotContain("   at ", stderr);
    }
}
