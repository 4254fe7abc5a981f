using System.Text.RegularExpressions;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Web.Tests.Support;

/// <summary>
/// Real processes: <c>netgear view --web 0</c> (on a free port of 127.0.0.1) and one <c>netgear serve</c> per port.
/// Dispose kills whatever still runs.
/// </summary>
public sealed partial class ViewerProcesses : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<CliProcess> _all = [];

    private ViewerProcesses(int[] ports, CliProcess viewer)
    {
        Ports = ports;
        Viewer = viewer;
        _all.Add(viewer);
    }

    public int[] Ports { get; }
    public CliProcess Viewer { get; }
    public CliProcess[] Servers { get; private set; } = [];
    public Uri Page { get; private set; } = null!;

    /// <summary>Starts the viewer (stale after 2 s, lost 0.5 s after a disconnect) and <paramref name="count"/> servers.</summary>
    public static async Task<ViewerProcesses> StartAsync(int count, params string[] serveArgs)
    {
        var rig = await StartViewerAsync(count);
        try
        {
            rig.StartServers(serveArgs);
            return rig;
        }
        catch
        {
            rig.Dispose();
            throw;
        }
    }

    /// <summary>Starts the viewer alone, waiting for <paramref name="count"/> servers that <see cref="StartServers"/> starts.</summary>
    public static async Task<ViewerProcesses> StartViewerAsync(int count)
    {
        var ports = TestPorts.Take(count);
        var viewer = CliProcess.Start("view", "--ports", string.Join(",", ports), "--address", "127.0.0.1", "--web", "0",
            "--stale-after", "2", "--lost-after", "0.5");
        var rig = new ViewerProcesses(ports, viewer);
        try
        {
            await viewer.WaitForOutputAsync("web page: http", Patience);
            rig.Page = new Uri(PageUrl().Match(viewer.StandardOutput + viewer.StandardError).Value);
            return rig;
        }
        catch
        {
            rig.Dispose();
            throw;
        }
    }

    /// <summary>Starts one <c>netgear serve</c> per port (320x240 at 15 frames/s, each with its camera's name as the message).</summary>
    public void StartServers(params string[] serveArgs)
    {
        Servers = Ports.Select((port, i) => CliProcess.Start(["serve", "--port", port.ToString(), "--size", "320x240", "--fps", "15",
            "--message", $$"""{"camera":"cam-{{i + 1}}"}""", .. serveArgs])).ToArray();
        _all.AddRange(Servers);
    }

    [GeneratedRegex(@"http://[^\s]+/")]
    private static partial Regex PageUrl();

    public void Dispose()
    {
        foreach (var process in _all) process.Dispose();
    }
}
