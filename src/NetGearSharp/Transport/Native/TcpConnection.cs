using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// What the kernel knows of one of libzmq's TCP connections, by its descriptor (the connection's number in the
/// monitor's events and <see cref="ITransportSocket.LastPartConnection"/>). Linux only; elsewhere nothing is known.
/// </summary>
internal static unsafe partial class TcpConnection
{
    private const int IpProtoTcp = 6;
    private const int TcpInfo = 11;
    /// <summary><c>tcpi_bytes_received</c> in <c>struct tcp_info</c> (Linux 4.1 and later).</summary>
    private const int BytesReceivedOffset = 128;
    private const int ShutRd = 0;
    private const int SolSocket = 1;
    private const int SoLinger = 13;
    private const int SoSndBuf = 7;
    private const int SoRcvBuf = 8;
    private const nuint Fionread = 0x541B;

    /// <summary>
    /// The payload bytes the connection has received so far (read by libzmq or still in the kernel's queue); null
    /// when <paramref name="descriptor"/> is not an open TCP socket or the kernel does not tell.
    /// </summary>
    public static long? BytesReceived(long descriptor)
    {
        if (!OperatingSystem.IsLinux() || descriptor is < 0 or > int.MaxValue) return null;
        var info = stackalloc byte[256];
        var length = 256;
        try
        {
            if (getsockopt((int)descriptor, IpProtoTcp, TcpInfo, info, ref length) != 0 || length < BytesReceivedOffset + sizeof(long)) return null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return *(long*)(info + BytesReceivedOffset);
    }

    /// <summary>
    /// Ends the connection's input: libzmq's next read of it ends, and libzmq closes it as if the peer had (dropping
    /// the message it was still assembling). Its linger is set to zero first, so that close resets the connection at
    /// once: a peer blocked on a full window would otherwise wait for ever. False when it was not an open socket.
    /// </summary>
    public static bool Shutdown(long descriptor)
    {
        if (!OperatingSystem.IsLinux() || descriptor is < 0 or > int.MaxValue) return false;
        try
        {
            var linger = stackalloc int[2]; // struct linger { int l_onoff; int l_linger; }: on, 0 s
            linger[0] = 1;
            linger[1] = 0;
            _ = setsockopt((int)descriptor, SolSocket, SoLinger, (byte*)linger, 2 * sizeof(int));
            return shutdown((int)descriptor, ShutRd) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The connection's kernel send (<paramref name="send"/>) or receive buffer in bytes as the kernel reports it
    /// (Linux doubles what was asked for, for its own bookkeeping); null when it is not an open socket.
    /// </summary>
    public static int? BufferBytes(long descriptor, bool send)
    {
        if (!OperatingSystem.IsLinux() || descriptor is < 0 or > int.MaxValue) return null;
        int size = 0, length = sizeof(int);
        try
        {
            return getsockopt((int)descriptor, SolSocket, send ? SoSndBuf : SoRcvBuf, (byte*)&size, ref length) == 0 ? size : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sets the connection's kernel send (<paramref name="send"/>) or receive buffer to <paramref name="bytes"/>
    /// (<c>SO_SNDBUF</c> / <c>SO_RCVBUF</c>; the kernel's auto-tuning of it ends). False when it was not an open socket.
    /// </summary>
    public static bool SetBufferBytes(long descriptor, bool send, int bytes)
    {
        if (!OperatingSystem.IsLinux() || descriptor is < 0 or > int.MaxValue) return false;
        try
        {
            return setsockopt((int)descriptor, SolSocket, send ? SoSndBuf : SoRcvBuf, (byte*)&bytes, sizeof(int)) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The bytes received on the connection and not yet read by libzmq (<c>FIONREAD</c>); null when it is not an open socket.</summary>
    public static int? UnreadBytes(long descriptor)
    {
        if (!OperatingSystem.IsLinux() || descriptor is < 0 or > int.MaxValue) return null;
        var waiting = 0;
        try
        {
            return ioctl((int)descriptor, Fionread, &waiting) == 0 ? waiting : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, int* value);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getsockopt(int socket, int level, int name, byte* value, ref int length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsockopt(int socket, int level, int name, byte* value, int length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int shutdown(int socket, int how);
}
