using Microsoft.AspNetCore.Hosting;
using NetGearSharp.Web.Tests.Hosting;

[assembly: HostingStartup(typeof(RecordingHostingStartup))]

namespace NetGearSharp.Web.Tests.Hosting;

/// <summary>
/// A hosting startup of this test assembly: counts the web hosts that ran it, which only a host told to load this
/// assembly (<c>ASPNETCORE_HOSTINGSTARTUPASSEMBLIES</c>) does.
/// </summary>
public sealed class RecordingHostingStartup : IHostingStartup
{
    private static int s_configured;

    /// <summary>How many web hosts ran this startup.</summary>
    public static int Configured => Volatile.Read(ref s_configured);

    /// <inheritdoc />
    public void Configure(IWebHostBuilder builder) => Interlocked.Increment(ref s_configured);
}
