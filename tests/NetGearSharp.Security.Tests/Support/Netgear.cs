using System.Diagnostics;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>Runs the real <c>netgear</c> tool (copied beside the tests by the project reference) and returns its output.</summary>
public static class Netgear
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "netgear.dll");

    public static Task<(int Code, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args)
        => RunWithAsync(new Dictionary<string, string>(), timeout, args);

    public static async Task<(int Code, string Output, string Error)> RunWithAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"netgear {string.Join(' ', args)} did not exit within {timeout.TotalSeconds} s.");
        }
        return (process.ExitCode, await output, await error);
    }
}
