using System.Runtime.InteropServices;
using NetGearSharp.Web.Tests.Support;

namespace NetGearSharp.Web.Tests.Hosting;

/// <summary>
/// The page's own web server leaves the process's signals to the application: ASP.NET Core's console lifetime took
/// SIGTERM (and Ctrl+C) for itself, marked it handled and stopped only the web host, so the process no longer ended.
/// </summary>
[Collection(ProcessSignals.Name)]
public sealed partial class WebServerSignalTests
{
    private const int SigTerm = 15;

    [Fact(Timeout = 60_000)]
    public async Task SIGTERM_stays_with_the_application_and_the_page_keeps_serving()
    {
        var handledBefore = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // This test's handler keeps the test process alive (it marks the signal handled). Registered before the web
        // server starts, it runs after any handler the server registers, and sees whether one marked it handled.
        using var mine = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            handledBefore.TrySetResult(context.Cancel);
            context.Cancel = true;
        });
        await using var rig = await LiveRig.StartAsync(1, jpeg: false);
        using var http = new HttpClient { BaseAddress = rig.Address, Timeout = TimeSpan.FromSeconds(30) };
        (await http.GetAsync("api/servers")).EnsureSuccessStatusCode();

        Assert.Equal(0, Kill(Environment.ProcessId, SigTerm));
        Assert.False(await handledBefore.Task.WaitAsync(TimeSpan.FromSeconds(30)), "the web server took the process's SIGTERM for itself");
        (await http.GetAsync("api/servers")).EnsureSuccessStatusCode(); // and it serves until it is disposed
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
