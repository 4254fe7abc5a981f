using System.Text.Json;
using NetGearSharp.Docs.Tests.Support;

namespace NetGearSharp.Docs.Tests.Samples;

/// <summary>Each sample runs as a program against real servers (on free ports) and prints what its comments promise.</summary>
public sealed class SampleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static string SampleDll(string name)
    {
        // The samples are built with this project, in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "samples", name, "bin", configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
        return dll;
    }

    private static async Task<ProcessRun.Result> Run(string name, int[] ports, string workingDirectory)
    {
        var result = await ProcessRun.RunAsync("dotnet", [SampleDll(name), string.Join(',', ports)], workingDirectory, Timeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    [Fact(Timeout = 180_000)]
    public async Task CustomMessagesPrintsEveryFrameWithItsMessage()
    {
        var ports = FreePorts.Take(2);
        var result = await Run("CustomMessages", ports, Path.GetTempPath());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = lines.Where(l => l.StartsWith($"{ports[0]}: frame 320x240, message ", StringComparison.Ordinal)).ToArray();
        var second = lines.Where(l => l.StartsWith($"{ports[1]}: frame 320x240, message ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(30, first.Length);
        Assert.Equal(30, second.Length);
        Assert.All(first, l => Assert.Equal($"I'm Server-1 at Port: {ports[0]}", Message(l).GetString()));
        var messages = second.Select(Message).ToArray();
        Assert.Equal(Enumerable.Range(0, 30), messages.Select(m => m.GetProperty("frame").GetInt32()));
        Assert.All(messages, m => Assert.True(m.GetProperty("temperature").GetDouble() >= 21.5));
        Assert.Equal("All servers said goodbye.", lines[^1]);
    }

    private static JsonElement Message(string line) => JsonDocument.Parse(line[(line.IndexOf("message ", StringComparison.Ordinal) + 8)..]).RootElement;

    [Fact(Timeout = 180_000)]
    public async Task FilterOneServerKeepsOnlyTheFilteredServer()
    {
        var ports = FreePorts.Take(3);
        var result = await Run("FilterOneServer", ports, Path.GetTempPath());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kept = lines.Where(l => l.StartsWith("kept ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(10, kept.Length);
        Assert.All(kept, l => Assert.StartsWith($"kept {ports[1]}: ", l));
        Assert.Contains($"{ports[0]}: Terminated, 0 kept, 10 filtered out", lines);
        Assert.Contains($"{ports[1]}: Terminated, 10 kept, 0 filtered out", lines);
        Assert.Contains($"{ports[2]}: Terminated, 0 kept, 10 filtered out", lines);
    }

    [Fact(Timeout = 180_000)]
    public async Task MultiServerMontageSavesAMontageOfBothServers()
    {
        var ports = FreePorts.Take(2);
        var folder = Directory.CreateTempSubdirectory("netgear-sample-");
        try
        {
            var result = await Run("MultiServerMontage", ports, folder.FullName);
            var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains("Saved montage.png", lines);
            Assert.Equal($"{ports[0]}: 100 frames, Terminated, {ports[1]}: 100 frames, Terminated", lines[^1]);
            var png = await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "montage.png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            // Two 320x240 tiles side by side: width 640, height 240 (PNG header, big-endian).
            Assert.Equal(640, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
            Assert.Equal(240, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task BidirectionalCamerasGetTheAnswersToTheirOwnFrames()
    {
        var ports = FreePorts.Take(2);
        var result = await Run("Bidirectional", ports, Path.GetTempPath());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = lines.Where(l => l.StartsWith($"camera {ports[0]} got back: ", StringComparison.Ordinal)).ToArray();
        var second = lines.Where(l => l.StartsWith($"camera {ports[1]} got back: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, first.Length);
        Assert.Equal(3, second.Length);
        // The first camera gets a value (how many of its frames the viewer has taken), the second a 32x24 frame.
        Assert.All(first, l => Assert.Matches(@"got back: dict \{""seen"":[0-3]\}$", l));
        Assert.All(second, l => Assert.Contains("got back: ndarray", l, StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task MultiClientDealsTheFramesToBothViewersWithTheirPortsInTheAnswers()
    {
        var ports = FreePorts.Take(2);
        var result = await Run("MultiClient", ports, Path.GetTempPath());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var answers = lines.Where(l => l.StartsWith("frame ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(6, answers.Length);
        for (var n = 0; n < 6; n++)
        {
            var line = answers[n];
            Assert.StartsWith($"frame {n} answered by viewer ", line);
            var port = int.Parse(line.Split(' ')[5].TrimEnd(':'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(port, ports);
            var data = JsonDocument.Parse(line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]).RootElement;
            Assert.Equal(port, data.GetProperty("viewer").GetInt32());
            Assert.True(data.GetProperty("ok").GetBoolean());
        }
        var shown = ports.Select(p => lines.Single(l => l.StartsWith($"viewer {p} showed ", StringComparison.Ordinal))).ToArray();
        var counts = shown.Select(l => int.Parse(l.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(6, counts.Sum());
        for (var i = 0; i < 2; i++) Assert.Equal(answers.Count(a => a.Contains($"viewer {ports[i]}:", StringComparison.Ordinal)), counts[i]);
    }
}
