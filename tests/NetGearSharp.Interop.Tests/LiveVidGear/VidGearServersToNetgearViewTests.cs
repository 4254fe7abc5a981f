using System.Globalization;
using System.Text.Json.Nodes;
using NetGearSharp.Interop.Tests.Support;

namespace NetGearSharp.Interop.Tests.LiveVidGear;

/// <summary>
/// Real VidGear 0.3.5 servers send to the <c>netgear view</c> tool (both patterns at once, two views): it counts every
/// frame per port, shows the last message, tells goodbye (terminated) from kill -9 (lost), and ends by itself.
/// </summary>
public class VidGearServersToNetgearViewTests
{
    [Fact(Timeout = 180_000)]
    public async Task NetgearViewCountsEveryFrameOfVidGearServersAndEndsByItself()
    {
        var reqRep = FreePorts.Take(3);
        var pubSub = FreePorts.Take(2);
        VidGearServerSpec[] reqRepServers =
        [
            new(reqRep[0], "uint8", [48, 64, 3], JsonMessages.All.Count + 3, Jpeg: false, Messages: true, Crash: false),
            new(reqRep[1], "uint8", [96, 128, 3], 10, Jpeg: true, Messages: true, Crash: false),
            new(reqRep[2], "uint16", [48, 64], 10, Jpeg: false, Messages: true, Crash: true),
        ];
        VidGearServerSpec[] pubSubServers =
        [
            new(pubSub[0], "uint8", [48, 64, 3], 20, Jpeg: false, Messages: true, Crash: true),
            new(pubSub[1], "uint8", [96, 128, 3], 20, Jpeg: true, Messages: true, Crash: true),
        ];
        using var go = new GoFile();
        string[] View(int[] ports, string pattern, string transport) =>
            ["view", "--ports", string.Join(',', ports), "--address", "127.0.0.1", "--pattern", pattern, "--summary", "json", "--transport", transport];
        using var reqRepView = CliProcess.Start(View(reqRep, "reqrep", "netmq"));
        using var pubSubView = CliProcess.Start(View(pubSub, "pubsub", "native"));
        await reqRepView.WaitForOutputAsync("listening", TimeSpan.FromSeconds(60));
        await pubSubView.WaitForOutputAsync("listening", TimeSpan.FromSeconds(60));
        using var servers = new ProcessGroup();
        foreach (var spec in reqRepServers) servers.Add(spec.Start(NetGearPattern.ReqRep, go.Path));
        foreach (var spec in pubSubServers) servers.Add(spec.Start(NetGearPattern.PubSub, go.Path));
        foreach (var server in servers.All) await server.WaitForEventAsync("ready", TimeSpan.FromSeconds(60));
        await go.GoAsync();

        Check(reqRepView, await reqRepView.WaitAsync(TimeSpan.FromSeconds(90)), reqRepServers, NetGearPattern.ReqRep);
        Check(pubSubView, await pubSubView.WaitAsync(TimeSpan.FromSeconds(90)), pubSubServers, NetGearPattern.PubSub);
    }

    private static void Check(CliProcess view, int code, VidGearServerSpec[] specs, NetGearPattern pattern)
    {
        Assert.True(code == 0, $"netgear {view.Arguments} exited {code}\n{view.StandardError}");
        var summary = JsonNode.Parse(view.StandardOutput)!.AsObject();
        foreach (var spec in specs)
        {
            var row = summary["servers"]!.AsArray().Single(s => PortIds.Same(s!["port"]!, spec.Port))!;
            var where = $"{pattern} port {spec.Port}: {row.ToJsonString()}";
            Assert.True((long)row["frames"]! == spec.Frames, where);
            Assert.True((long)row["malformed"]! == 0, where);
            var state = (string?)row["state"];
            if (spec.Crash) Assert.True(state == "lost", where);
            else if (pattern == NetGearPattern.ReqRep) Assert.True(state == "terminated", where);
            else Assert.True(state is "terminated" or "lost", where); // VidGear's PUB close() drops its goodbye (linger 0)
            var last = spec.MessageJson(spec.Frames - 1);
            Assert.True(JsonMessages.Same(last is null ? null : JsonNode.Parse(last), row["lastMessage"]), $"last message, {where}");
        }
        Assert.Equal(specs.Sum(s => s.Frames), (long)summary["totalFrames"]!);
    }
}
