using System.Text.Json;
using NetGearSharp.Cli.Tests.Support;
using TestPorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Cli.Tests.EndToEnd;

/// <summary>Without libturbojpeg, JPEG fails with a message naming the package; raw frames keep working.</summary>
public sealed class MissingJpegLibraryTests
{
    private static readonly Dictionary<string, string> NoTurboJpeg = new() { ["NETGEARSHARP_TURBOJPEG_LIBRARY"] = "/nonexistent/libturbojpeg.so.0" };

    [Fact(Timeout = 60_000)]
    public async Task JpegServeFailsNamingThePackageToInstall()
    {
        var port = TestPorts.One();
        using var serve = CliProcess.StartWith(NoTurboJpeg, "serve", "--port", port.ToString(), "--jpeg", "--frames", "3");
        var code = await serve.WaitAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(1, code);
        Assert.Contains("libturbojpeg0", serve.StandardError);
        // The file named, why the system could not load it, and where the name came from.
        Assert.Contains("'/nonexistent/libturbojpeg.so.0'", serve.StandardError);
        Assert.Contains("/nonexistent/libturbojpeg.so.0: cannot open shared object file", serve.StandardError);
        Assert.Contains("NETGEARSHARP_TURBOJPEG_LIBRARY", serve.StandardError);
        Assert.DoesNotContain("   at ", serve.StandardError); // one line, no stack trace
    }

    [Fact(Timeout = 90_000)]
    public async Task RawFramesWorkWithoutTheJpegLibrary()
    {
        var port = TestPorts.One();
        using var view = CliProcess.StartWith(NoTurboJpeg, "view", "--ports", port.ToString(), "--address", "127.0.0.1", "--summary", "json");
        await view.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(45));
        using var serve = CliProcess.StartWith(NoTurboJpeg, "serve", "--port", port.ToString(), "--frames", "5", "--fps", "50", "--size", "64x48");
        Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(45)));
        Assert.Equal(0, await view.WaitAsync(TimeSpan.FromSeconds(45)));
        using var summary = JsonDocument.Parse(view.StandardOutput);
        Assert.Equal(5, summary.RootElement.GetProperty("totalFrames").GetInt64());
    }
}
