using Microsoft.Extensions.Hosting;

namespace NetGearSharp.AspNetCore;

/// <summary>
/// The host lifetime of <see cref="NetGearWebServer"/>: it leaves the process's signals to the application. ASP.NET
/// Core's default (console) lifetime takes Ctrl+C, SIGTERM and SIGQUIT for itself, marks them handled and only stops the
/// web host, so an application that started the page no longer ended on Ctrl+C or <c>docker stop</c>, and a second
/// Ctrl+C of <c>netgear view --web</c> no longer ended the process at once. The web server stops when it is disposed.
/// </summary>
internal sealed class SignalFreeLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
