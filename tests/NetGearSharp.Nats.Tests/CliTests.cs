using System.Text.Json;
using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>The real tool: <c>netgear view --forward</c> on the viewing machine, <c>netgear view --from --queue</c> as workers.</summary>
public sealed class CliTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(120);

    [Fact(Timeout = 240_000)]
    public async Task ViewForwardsAndTwoQueueWorkersShareEveryFrameThenEndByThemselves()
    {
        using var nats = await NatsServerProcess.StartAsync();
        var ports = FreePorts.Take(2);
        var prefix = "cli" + Guid.NewGuid().ToString("N")[..8];
        var processes = new List<CliProcess>();
        try
        {
            var workers = new[]
            {
                CliProcess.Start("view", "--from", nats.Url, "--nats-prefix", prefix, "--queue", "workers", "--summary", "json"),
                CliProcess.Start("view", "--from", nats.Url, "--nats-prefix", prefix, "--queue", "workers", "--summary", "json"),
            };
            processes.AddRange(workers);
            foreach (var w in workers) await w.WaitForOutputAsync("reading", ProcessTimeout);

            var viewer = CliProcess.Start("view", "--ports", string.Join(",", ports), "--address", "127.0.0.1",
                "--forward", nats.Url, "--nats-prefix", prefix, "--nats-buffer", "1000", "--summary", "json");
            processes.Add(viewer);
            await viewer.WaitForOutputAsync("forwarding to", ProcessTimeout);
            var servers = ports.Select(p => CliProcess.Start("serve", "--port", p.ToString(), "--frames", "30", "--fps", "30", "--size", "160x120")).ToArray();
            processes.AddRange(servers);

            foreach (var s in servers) Assert.True(0 == await s.WaitAsync(ProcessTimeout), s.StandardError);
            Assert.True(0 == await viewer.WaitAsync(ProcessTimeout), viewer.StandardError);
            Assert.Contains("forwarded: 60 frames published, 0 dropped", viewer.StandardError);

            long total = 0;
            foreach (var w in workers)
            {
                Assert.True(0 == await w.WaitAsync(ProcessTimeout), w.StandardError);
                using var summary = JsonDocument.Parse(w.StandardOutput);
                total += summary.RootElement.GetProperty("totalFrames").GetInt64();
                var states = summary.RootElement.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("state").GetString()).ToList();
                Assert.Equal(["terminated", "terminated"], states);
            }
            Assert.Equal(60, total);
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task A_worker_without_libturbojpeg_says_so_once_and_still_ends_cleanly()
    {
        using var nats = await NatsServerProcess.StartAsync();
        var port = FreePorts.One();
        var prefix = "nojpeg" + Guid.NewGuid().ToString("N")[..8];
        var processes = new List<CliProcess>();
        try
        {
            // The worker's libturbojpeg is a file that does not exist: JPEG frames cannot be decoded there.
            var worker = CliProcess.StartWith(new Dictionary<string, string> { ["NETGEARSHARP_TURBOJPEG_LIBRARY"] = "/nonexistent/libturbojpeg.so.0" },
                "view", "--from", nats.Url, "--nats-prefix", prefix, "--summary", "json", "--verbose"); // the library's log on stderr
            processes.Add(worker);
            await worker.WaitForOutputAsync("reading", ProcessTimeout);
            var viewer = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1",
                "--forward", nats.Url, "--nats-prefix", prefix, "--nats-jpeg", "--summary", "json");
            processes.Add(viewer);
            await viewer.WaitForOutputAsync("forwarding to", ProcessTimeout);
            var server = CliProcess.Start("serve", "--port", port.ToString(), "--frames", "10", "--fps", "30", "--size", "160x120");
            processes.Add(server);

            Assert.True(0 == await server.WaitAsync(ProcessTimeout), server.StandardError);
            Assert.True(0 == await viewer.WaitAsync(ProcessTimeout), viewer.StandardError);
            // Before: the frame loop died at the first JPEG frame, silently; the end re-threw its error (exit code 1).
            Assert.True(0 == await worker.WaitAsync(ProcessTimeout), worker.StandardError);
            Assert.True(1 == CountOf(worker.StandardError, "TurboJPEG library, which could not be loaded"), worker.StandardError + worker.StandardOutput);
            Assert.Contains(" missing in sequence, 10 malformed", worker.StandardError);
            using var summary = JsonDocument.Parse(worker.StandardOutput);
            Assert.Equal(0, summary.RootElement.GetProperty("totalFrames").GetInt64());
            Assert.Equal("terminated", summary.RootElement.GetProperty("servers")[0].GetProperty("state").GetString());
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact(Timeout = 240_000)]
    public async Task ForwardIntoJetStreamThenReplayFromTheStartAndRecordIt()
    {
        using var nats = await NatsServerProcess.StartAsync(jetStream: true);
        var port = FreePorts.One();
        var prefix = "clijs" + Guid.NewGuid().ToString("N")[..8];
        var recordings = Directory.CreateTempSubdirectory("ngs-nats-rec-").FullName;
        try
        {
            using (var viewer = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--forward", nats.Url,
                       "--nats-prefix", prefix, "--jetstream", "--jetstream-max-age", "600", "--nats-buffer", "1000", "--nats-jpeg"))
            {
                await viewer.WaitForOutputAsync("JetStream stream", ProcessTimeout);
                using var server = CliProcess.Start("serve", "--port", port.ToString(), "--frames", "20", "--fps", "30", "--size", "160x120");
                Assert.True(0 == await server.WaitAsync(ProcessTimeout), server.StandardError);
                Assert.True(0 == await viewer.WaitAsync(ProcessTimeout), viewer.StandardError);
                Assert.Contains("forwarded: 20 frames published", viewer.StandardOutput + viewer.StandardError);
            }

            // Later: replay the stream from its start into a recording; it ends on the recorded goodbye.
            using var replay = CliProcess.Start("view", "--from", nats.Url, "--nats-prefix", prefix, "--jetstream", "--replay-from", "start",
                "--record", recordings, "--summary", "json");
            Assert.True(0 == await replay.WaitAsync(ProcessTimeout), replay.StandardError);
            using var summary = JsonDocument.Parse(replay.StandardOutput);
            Assert.Equal(20, summary.RootElement.GetProperty("totalFrames").GetInt64());
            Assert.Equal("terminated", summary.RootElement.GetProperty("servers")[0].GetProperty("state").GetString());
            Assert.True(new FileInfo(Assert.Single(Directory.GetFiles(recordings, $"netgear-{port}-*.avi"))).Length > 0);
            // Before: every replay that ended well still printed NATS.Net's 'netgear view: warning: Consumer loop exited'.
            Assert.DoesNotContain("Consumer loop exited", replay.StandardError);
            Assert.DoesNotContain("warning", replay.StandardError);

            // The same replay as one worker of a queue group: the only warning is a 2.9 server's (OldServerWarningTests).
            using var worker = CliProcess.Start("view", "--from", nats.Url, "--nats-prefix", prefix, "--jetstream", "--replay-from", "start",
                "--queue", "again", "--summary", "json");
            Assert.True(0 == await worker.WaitAsync(ProcessTimeout), worker.StandardError);
            using var workerSummary = JsonDocument.Parse(worker.StandardOutput);
            Assert.Equal(20, workerSummary.RootElement.GetProperty("totalFrames").GetInt64());
            Assert.DoesNotContain("Consumer loop exited", worker.StandardError);
            Assert.All(worker.StandardError.Split('\n').Where(l => l.Contains("warning", StringComparison.Ordinal)),
                l => Assert.Contains("cannot filter a JetStream consumer by a list of subjects", l));
        }
        finally
        {
            Directory.Delete(recordings, recursive: true);
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task ForwardAndReadOverTlsWithAUserAndPassword()
    {
        using var certs = await TestCertificates.CreateAsync();
        using var nats = await NatsServerProcess.StartAsync(config: certs.ServerTlsConfig + "authorization {\n  user: viewer\n  password: \"pass word\"\n}\n");
        var url = $"tls://127.0.0.1:{nats.Port}";
        var port = FreePorts.One();
        var prefix = "clitls" + Guid.NewGuid().ToString("N")[..8];
        var password = new Dictionary<string, string> { ["NETGEAR_NATS_PASSWORD"] = "pass word" };
        string[] secured = ["--nats-prefix", prefix, "--nats-ca", certs.CaFile, "--nats-user", "viewer"];

        // Without the CA the worker is refused at once, with the reason.
        using (var untrusting = CliProcess.StartWith(password, "view", "--from", url, "--nats-prefix", prefix, "--nats-user", "viewer"))
        {
            Assert.NotEqual(0, await untrusting.WaitAsync(ProcessTimeout));
            Assert.Contains(url, untrusting.StandardError);
            Assert.Contains("certificate", untrusting.StandardError);
        }

        using var worker = CliProcess.StartWith(password, ["view", "--from", url, .. secured, "--summary", "json"]);
        await worker.WaitForOutputAsync("reading", ProcessTimeout);
        using var viewer = CliProcess.StartWith(password, ["view", "--ports", port.ToString(), "--address", "127.0.0.1", "--forward", url, .. secured, "--nats-buffer", "1000"]);
        await viewer.WaitForOutputAsync("forwarding to", ProcessTimeout);
        using var server = CliProcess.Start("serve", "--port", port.ToString(), "--frames", "15", "--fps", "30", "--size", "160x120", "--jpeg");
        Assert.True(0 == await server.WaitAsync(ProcessTimeout), server.StandardError);
        Assert.True(0 == await viewer.WaitAsync(ProcessTimeout), viewer.StandardError);
        // The camera's JPEG went on as it came.
        var viewerOutput = viewer.StandardOutput + viewer.StandardError;
        Assert.Contains("forwarded: 15 frames published", viewerOutput);
        Assert.Contains("15 JPEG passed through as received", viewerOutput);
        Assert.True(0 == await worker.WaitAsync(ProcessTimeout), worker.StandardError);
        using var summary = JsonDocument.Parse(worker.StandardOutput);
        Assert.Equal(15, summary.RootElement.GetProperty("totalFrames").GetInt64());
    }

    [Fact(Timeout = 120_000)]
    public async Task FromAndPortsTogetherIsABadArgument()
    {
        using var p = CliProcess.Start("view", "--from", $"nats://127.0.0.1:{FreePorts.One()}", "--ports", FreePorts.One().ToString());
        Assert.Equal(2, await p.WaitAsync(ProcessTimeout));
        Assert.Contains("--ports", p.StandardError);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_JetStream_reader_of_a_stream_that_does_not_exist_fails_with_exit_code_1()
    {
        // Workers started before their forwarder made the stream: before, the reader said the consumer failed and exited 0.
        using var nats = await NatsServerProcess.StartAsync(jetStream: true);
        using var reader = CliProcess.Start("view", "--from", nats.Url, "--nats-prefix", "never" + Guid.NewGuid().ToString("N")[..8], "--jetstream", "--wait-first", "5");
        Assert.Equal(1, await reader.WaitAsync(ProcessTimeout));
        Assert.Contains("stream not found", reader.StandardError);
    }

    [Fact(Timeout = 120_000)]
    public async Task ReplicasOutOfRangeIsABadArgument()
    {
        using var p = CliProcess.Start("view", "--ports", FreePorts.One().ToString(), "--forward", $"nats://127.0.0.1:{FreePorts.One()}", "--jetstream", "--jetstream-replicas", "9");
        Assert.Equal(2, await p.WaitAsync(ProcessTimeout));
        Assert.Contains("--jetstream-replicas", p.StandardError);
    }

    [Fact(Timeout = 120_000)]
    public async Task BadNatsUrlIsABadArgument()
    {
        using var p = CliProcess.Start("view", "--ports", FreePorts.One().ToString(), "--forward", "http://example");
        Assert.Equal(2, await p.WaitAsync(ProcessTimeout));
        Assert.Contains("--forward", p.StandardError);
        Assert.Contains("nats://", p.StandardError);
    }
}
