using System.Net;
using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Whether a connected TCP descriptor's peer is a process on this machine: its address is a loopback one, or it is
/// the connection's own address (a process that connects to one of this machine's addresses from this machine does so
/// from that same address). A peer in another network namespace (a container with its own network) has an address of
/// its own and counts as elsewhere. Read once per connection, when its accepted event is taken (at once, as a rule; a
/// descriptor closed by then reads as elsewhere): <see cref="TransportEvent.PeerOnThisMachine"/>.
/// </summary>
internal static unsafe partial class PeerLocality
{
    private const int AfInet = 2, AfInet6 = 10;

    /// <summary>Whether <paramref name="descriptor"/>'s peer is on this machine; false when it cannot be read (closed, not TCP, not Linux).</summary>
    public static bool OnThisMachine(long descriptor)
    {
        if (!OperatingSystem.IsLinux() || descriptor is < 0 or > int.MaxValue) return false;
        var own = Address((int)descriptor, peer: false);
        var peer = Address((int)descriptor, peer: true);
        return own is not null && peer is not null && SameMachine(own, peer);
    }

    /// <summary>Whether a connection from <paramref name="peer"/> to <paramref name="own"/> stays on this machine.</summary>
    public static bool SameMachine(IPAddress own, IPAddress peer)
    {
        if (peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
        if (own.IsIPv4MappedToIPv6) own = own.MapToIPv4();
        return IPAddress.IsLoopback(peer) || peer.Equals(own);
    }

    /// <summary>The descriptor's own address (or its peer's), IPv4 or IPv6; null when unknown.</summary>
    private static IPAddress? Address(int descriptor, bool peer)
    {
        var address = stackalloc byte[128];
        var length = 128;
        var result = peer ? getpeername(descriptor, address, &length) : getsockname(descriptor, address, &length);
        if (result != 0 || length < 8) return null;
        // Linux: the family (host order) leads; IPv4 has its 4 bytes at offset 4, IPv6 its 16 at offset 8.
        return *(ushort*)address switch
        {
            AfInet => new IPAddress(new ReadOnlySpan<byte>(address + 4, 4)),
            AfInet6 when length >= 24 => new IPAddress(new ReadOnlySpan<byte>(address + 8, 16)),
            _ => null,
        };
    }

    [LibraryImport("libc")]
    private static partial int getsockname(int socket, byte* address, int* length);

    [LibraryImport("libc")]
    private static partial int getpeername(int socket, byte* address, int* length);
}
