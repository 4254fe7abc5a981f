using System.Text.Json;
using NetGearSharp.Nats.Tests.Support;
using Xunit.Abstractions;

namespace NetGearSharp.Nats.Tests;

/// <summary>The real tool through a NATS outage: the NATS server is stopped mid-stream and started again on its port.</summary>
public sealed class CliOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    [Fact(Timeout = 240_000)]
    public async Task Reader_and_forwarder_say_when_NATS_is_lost_and_back_and_count_the_outage_in_their_summaries()
    {
        // Before: the reader kept showing the server streaming and said nothing when NATS came back; the forwarder's
        // end line put every drop on 'NATS slower than the frames'; NATS.Net's own reconnect warnings reached stderr.
        var natsPort = FreePorts.One();
        var nats = await NatsServerProcess.StartAsync(port: natsPort);
        var port = FreePorts.One();
        var prefix = "cliout" + Guid.NewGuid().ToString("N")[..8];
        var processes = new List<CliProcess>();
        try
        {
            var worker = CliProcess.Start("view", "--from", nats.Url, "--nats-prefix", prefix, "--summary", "json");
            processes.Add(worker);
            await worker.WaitForOutputAsync("reading", ProcessTimeout);
            var viewer = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1",
                "--forward", nats.Url, "--nats-prefix", prefix, "--nats-buffer", "4", "--summary", "json");
            processes.Add(viewer);
            await viewer.WaitForOutputAsync("forwarding to", ProcessTimeout);
            var server = CliProcess.Start("serve", "--port", port.ToString(), "--frames", "600", "--fps", "30", "--size", "320x240");
            processes.Add(server);
            await worker.WaitForOutputAsync("-> streaming", ProcessTimeout);

            nats.Dispose();
            await worker.WaitForOutputAsync("NATS link down", ProcessTimeout);
            await worker.WaitForOutputAsync("streaming -> stale", ProcessTimeout);
            await viewer.WaitForOutputAsync("NATS link down", ProcessTimeout);
            await Task.Delay(1500); // frames keep coming to the viewer: its buffer fills, the oldest are dropped

            nats = await NatsServerProcess.StartAsync(port: natsPort);
            await worker.WaitForOutputAsync("NATS link back after", ProcessTimeout);
            await viewer.WaitForOutputAsync("NATS link back after", ProcessTimeout);
            await worker.WaitForOutputAsync("stale -> streaming", ProcessTimeout);

            Assert.True(0 == await server.WaitAsync(ProcessTimeout), server.StandardError);
            Assert.True(0 == await viewer.WaitAsync(ProcessTimeout), viewer.StandardError);
            Assert.True(0 == await worker.WaitAsync(ProcessTimeout), worker.StandardError);
            var end = viewer.StandardError.Split('\n').Single(l => l.Contains("forwarded: ", StringComparison.Ordinal));
            Assert.Matches(@"dropped \((while the link to NATS was down|\d+ while the link to NATS was down, \d+ NATS slower than the frames)\)", end);
            Assert.Contains("NATS link lost 1 time (", end);

            // Only the tool's own lines: not NATS.Net's ("Failed to connect NATS nats://... [1]: Connection refused" at every reconnect).
            Assert.DoesNotContain("Failed to connect NATS", worker.StandardError);
            Assert.DoesNotContain("Failed to connect NATS", viewer.StandardError);

            // The JSON summaries carry the NATS counts: the reader's ("nats") and the forwarder's ("forwarded").
            using var read = JsonDocument.Parse(worker.StandardOutput);
            var counts = read.RootElement.GetProperty("nats");
            Assert.Equal(read.RootElement.GetProperty("totalFrames").GetInt64(), counts.GetProperty("frames").GetInt64());
            Assert.Equal(1, counts.GetProperty("linkLost").GetInt64());
            Assert.True(counts.GetProperty("linkDownSeconds").GetDouble() > 0);
            Assert.True(counts.GetProperty("upstreamDropped").GetInt64() > 0);
            using var forwardedSummary = JsonDocument.Parse(viewer.StandardOutput);
            var forwarded = forwardedSummary.RootElement.GetProperty("forwarded");
            Assert.Equal(1, forwarded.GetProperty("linkLost").GetInt64());
            Assert.InRange(forwarded.GetProperty("droppedWhileLinkDown").GetInt64(), 1, forwarded.GetProperty("dropped").GetInt64());
            Assert.Equal(forwardedSummary.RootElement.GetProperty("totalFrames").GetInt64(),
                forwarded.GetProperty("published").GetInt64() + forwarded.GetProperty("dropped").GetInt64() + forwarded.GetProperty("failed").GetInt64());
        }
        finally
        {
            foreach (var p in processes) output.WriteLine($"netgear {p.Arguments}\n{p.StandardError}\nstdout: {p.StandardOutput}");
            foreach (var p in processes) p.Dispose();
            nats.Dispose();
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task A_forwarder_whose_NATS_dies_for_good_counts_every_frame_it_took_once()
    {
        // Before: '51 frame(s) still unpublished ... giving up on them', then 'forwarded: 18 frames published, 0 dropped
        // ..., 0 failed' and the same in the JSON summary: the abandoned frames (and the one being published) were in no count.
        var nats = await NatsServerProcess.StartAsync();
        var port = FreePorts.One();
        var prefix = "clidead" + Guid.NewGuid().ToString("N")[..8];
        var processes = new List<CliProcess>();
        try
        {
            var viewer = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1",
                "--forward", nats.Url, "--nats-prefix", prefix, "--summary", "json");
            processes.Add(viewer);
            await viewer.WaitForOutputAsync("forwarding to", ProcessTimeout);
            var server = CliProcess.Start("serve", "--port", port.ToString(), "--frames", "70", "--fps", "10", "--size", "160x120");
            processes.Add(server);
            await viewer.WaitForOutputAsync("-> streaming", ProcessTimeout);
            await Task.Delay(1500);

            nats.Dispose(); // not started again
            await viewer.WaitForOutputAsync("NATS link down", ProcessTimeout);
            Assert.True(0 == await server.WaitAsync(ProcessTimeout), server.StandardError);
            Assert.True(0 == await viewer.WaitAsync(ProcessTimeout), viewer.StandardError);

            using var summary = JsonDocument.Parse(viewer.StandardOutput);
            var forwarded = summary.RootElement.GetProperty("forwarded");
            long Count(string name) => forwarded.GetProperty(name).GetInt64();
            var taken = Count("posted");
            Assert.Equal(70, summary.RootElement.GetProperty("totalFrames").GetInt64());
            Assert.Equal(70, taken);
            Assert.True(Count("abandoned") > 0, forwarded.ToString());
            Assert.Equal(taken, Count("published") + Count("dropped") + Count("failed") + Count("tooLarge") + Count("abandoned"));

            // The end line gives the same counts.
            var end = viewer.StandardError.Split('\n').Single(l => l.Contains("forwarded: ", StringComparison.Ordinal));
            Assert.Contains($"forwarded: {Count("published")} frames published, {Count("dropped")} dropped", end);
            Assert.Contains($", {Count("failed")} failed, {Count("abandoned")} abandoned (still unpublished at the end", end);
            Assert.Contains($"{Count("abandoned")} frame(s) still unpublished", viewer.StandardError);
        }
        finally
        {
            foreach (var p in processes) output.WriteLine($"netgear {p.Arguments}\n{p.StandardError}\nstdout: {p.StandardOutput}");
            foreach (var p in processes) p.Dispose();
            nats.Dispose();
        }
    }
}
