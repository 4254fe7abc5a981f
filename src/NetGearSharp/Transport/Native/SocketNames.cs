using System.Net;
using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// A descriptor's own name or its peer's (<c>getsockname</c>, <c>getpeername</c>), as Linux lays it out: the family
/// (host order) leads, the port follows (network order, IPv4 and IPv6 alike), then the address (IPv4: 4 bytes at offset
/// 4; IPv6: 16 bytes at offset 8). Used by the wire hooks (ports, whether a descriptor is TCP) and by
/// <see cref="PeerLocality"/> (addresses).
/// </summary>
internal static unsafe partial class SocketNames
{
    public const int AfInet = 2, AfInet6 = 10;
    private const int MaxLength = 128;

    /// <summary>The descriptor's own family and port (or its peer's); both 0 when unknown.</summary>
    public static (int Family, int Port) FamilyAndPort(int descriptor, bool peer)
    {
        var name = stackalloc byte[MaxLength];
        if (Read(descriptor, peer, name) < 4) return (0, 0);
        return (*(ushort*)name, name[2] << 8 | name[3]);
    }

    /// <summary>The descriptor's own IPv4 or IPv6 address (or its peer's); null when unknown or of another family.</summary>
    public static IPAddress? Address(int descriptor, bool peer)
    {
        var name = stackalloc byte[MaxLength];
        var length = Read(descriptor, peer, name);
        if (length < 8) return null;
        return *(ushort*)name switch
        {
            AfInet => new IPAddress(new ReadOnlySpan<byte>(name + 4, 4)),
            AfInet6 when length >= 24 => new IPAddress(new ReadOnlySpan<byte>(name + 8, 16)),
            _ => null,
        };
    }

    /// <summary>Reads the name into <paramref name="name"/> (<see cref="MaxLength"/> bytes); its length, or 0 when it cannot be read.</summary>
    private static int Read(int descriptor, bool peer, byte* name)
    {
        var length = MaxLength;
        var result = peer ? getpeername(descriptor, name, &length) : getsockname(descriptor, name, &length);
        return result == 0 ? Math.Min(length, MaxLength) : 0;
    }

    [LibraryImport("libc")]
    private static partial int getsockname(int socket, byte* address, int* length);

    [LibraryImport("libc")]
    private static partial int getpeername(int socket, byte* address, int* length);
}
