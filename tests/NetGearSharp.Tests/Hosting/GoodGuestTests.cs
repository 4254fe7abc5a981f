using System.Diagnostics;

namespace NetGearSharp.Tests.Hosting;

/// <summary>
/// The library is a good guest in its host: a separate host process (tests/NetGearSharp.HostApp) creates and disposes 50
/// clients with 2 servers each and finds its thread-pool minimums unchanged, no allocator call made, no thread or socket
/// left behind; then the one opt-in (NetGearProcessTuning.Apply) does change them.
/// </summary>
public sealed class GoodGuestTests
{
    [Fact(Timeout = 300_000)]
    public async Task FiftyClientsAndServersLeaveTheHostProcessAsTheyFoundIt()
    {
        var dll = RepoPaths.HostAppDll;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("50");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("mallopt calls: 0", output);
        Assert.EndsWith("OK", output.TrimEnd());
    }
}
