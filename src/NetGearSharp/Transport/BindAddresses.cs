using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace NetGearSharp.Transport;

/// <summary>
/// What a client binds for the address it was given. libzmq binds IP addresses and interface names, not host names
/// (<c>tcp://localhost:5566</c> fails with "No such device"), while NetMQ binds a host name's first IPv4 address: a
/// host name is resolved here, once, to the address NetMQ would take, so that both transports bind the same.
/// </summary>
internal static class BindAddresses
{
    /// <summary>
    /// <paramref name="address"/> as it is bound: <c>*</c>, IP addresses and this machine's interface names as given,
    /// a host name as its first IPv4 address (else its first IPv6 one).
    /// </summary>
    /// <exception cref="ArgumentException">The host name does not resolve.</exception>
    public static string Resolve(string address, NetGearProtocol protocol, string optionName)
    {
        if (protocol == NetGearProtocol.Ipc || address == "*") return address;
        var host = address.StartsWith('[') && address.EndsWith(']') ? address[1..^1] : address;
        if (IPAddress.TryParse(host, out _) || IsInterfaceName(host)) return address;
        IPAddress? ip;
        try
        {
            ip = Lookup(host);
        }
        catch (SocketException ex)
        {
            throw new ArgumentException($"{optionName} '{address}' does not resolve ({ex.Message.TrimEnd('.')}); give an IP address of this machine, one of its host names, or * for all interfaces.", optionName, ex);
        }
        return ip?.ToString()
            ?? throw new ArgumentException($"{optionName} '{address}' resolves to no IP address; give an IP address of this machine, one of its host names, or * for all interfaces.", optionName);
    }

    /// <summary>The address a host name is bound as: its first IPv4 address, else its first IPv6 one; null when it has neither.</summary>
    /// <exception cref="SocketException">The name does not resolve.</exception>
    public static IPAddress? Lookup(string host)
    {
        var found = Dns.GetHostAddresses(host);
        return found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6);
    }

    private static bool IsInterfaceName(string host)
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces().Any(n => string.Equals(n.Name, host, StringComparison.Ordinal));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
