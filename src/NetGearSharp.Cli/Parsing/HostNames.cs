using System.Net;
using System.Net.Sockets;

namespace NetGearSharp.Cli;

/// <summary>
/// Checks host names up front, so that a name that does not resolve is a usage error naming the option instead of a
/// server that waits for ever (libzmq and NetMQ keep trying a connect to a name they cannot resolve, silently).
/// </summary>
internal static class HostNames
{
    /// <summary>How long a lookup may take before the name is refused.</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The addresses of <paramref name="host"/>: an IP address (bracketed or not) as itself, a name as the system
    /// resolves it (IPv4 first).
    /// </summary>
    /// <param name="host">A host name or IP address.</param>
    /// <param name="option">The option that gave it, for the error.</param>
    /// <param name="allowed">What the option takes, for the error (e.g. <c>give the client's host name or IP address</c>).</param>
    /// <exception cref="UsageException">Not a host name, or it does not resolve (within <see cref="LookupTimeout"/>).</exception>
    public static IPAddress[] Resolve(string host, string option, string allowed)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var ip)) return [ip];
        if (bare.Length == 0 || Uri.CheckHostName(bare) != UriHostNameType.Dns)
            throw new UsageException(option, $"'{host}' is not a host name or IP address; {allowed}.");
        // The lookup runs on a thread of its own, so a resolver that does not answer is given up after the timeout.
        IPAddress[]? found = null;
        SocketException? failure = null;
        var lookup = new Thread(() =>
        {
            try { found = Dns.GetHostAddresses(bare); }
            catch (SocketException ex) { failure = ex; }
        })
        { IsBackground = true, Name = "netgear-dns" };
        lookup.Start();
        if (!lookup.Join(LookupTimeout))
            throw new UsageException(option, $"host '{host}' did not resolve within {LookupTimeout.TotalSeconds:0} s; {allowed}.");
        if (failure is not null) throw new UsageException(option, $"host '{host}' does not resolve ({failure.Message}); {allowed}.");
        var addresses = (found ?? [])
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)
            .ToArray();
        if (addresses.Length == 0) throw new UsageException(option, $"host '{host}' has no IP address; {allowed}.");
        return addresses;
    }
}
