using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>
/// A message with a lone surrogate escape (<c>"\udce9"</c>: what Python's <c>json</c> writes for a file name that is not
/// UTF-8). Before, <c>serve --message</c> with one failed after connecting, having sent nothing, and a viewer given one
/// by a VidGear server cut its <c>--summary json</c> off mid-object and exited 1. Both now pass it on as it came.
/// </summary>
public sealed class LoneSurrogateMessageTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task Serve_sends_it_and_the_viewers_JSON_summary_is_whole()
    {
        var port = TestPorts.One();
        using var view = CliProcess.Start("view", "--ports", port.ToString(), "--address", "127.0.0.1", "--summary", "json");
        await view.WaitForOutputAsync("listening on", ProcessTimeout);
        using var serve = CliProcess.Start("serve", "--port", port.ToString(), "--frames", "3", "--fps", "20",
            "--size", "64x48", "--message", """{"camera":"cam-\udce9tage"}""");

        Assert.True(0 == await serve.WaitAsync(ProcessTimeout), $"serve exited non-zero: {serve.StandardError}");
        Assert.True(0 == await view.WaitAsync(ProcessTimeout), $"view exited non-zero: {view.StandardError}");
        Assert.Contains("\"cam-\\udce9tage\"", view.StandardOutput, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(view.StandardOutput); // exactly one whole JSON object
        var server = summary.RootElement.GetProperty("servers")[0];
        Assert.Equal(3, server.GetProperty("frames").GetInt64());
        Assert.Equal(JsonValueKind.Object, server.GetProperty("lastMessage").ValueKind);
    }
}
