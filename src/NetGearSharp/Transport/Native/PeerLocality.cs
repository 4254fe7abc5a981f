using System.Net;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Whether a connected TCP descriptor's peer is a process on this machine: its address is a loopback one, or it is
/// the connection's own address (a process that connects to one of this machine's addresses from this machine does so
/// from that same address). A peer in another network namespace (a container with its own network) has an address of
/// its own and counts as elsewhere. Read once per connection, when its accepted event is taken (at once, as a rule; a
/// descriptor closed by then reads as elsewhere): <see cref="TransportEvent.PeerOnThisMachine"/>.
/// </summary>
internal static class PeerLocality
{
    /// <summary>Whether <paramref name="descriptor"/>'s peer is on this machine; false when it cannot be read (closed, not TCP, not Linux).</summary>
    public static bool OnThisMachine(long descriptor)
    {
        if (!OperatingSystem.IsLinux() || descriptor is < 0 or > int.MaxValue) return false;
        var own = SocketNames.Address((int)descriptor, peer: false);
        var peer = SocketNames.Address((int)descriptor, peer: true);
        return own is not null && peer is not null && SameMachine(own, peer);
    }

    /// <summary>Whether a connection from <paramref name="peer"/> to <paramref name="own"/> stays on this machine.</summary>
    public static bool SameMachine(IPAddress own, IPAddress peer)
    {
        if (peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
        if (own.IsIPv4MappedToIPv6) own = own.MapToIPv4();
        return IPAddress.IsLoopback(peer) || peer.Equals(own);
    }
}
