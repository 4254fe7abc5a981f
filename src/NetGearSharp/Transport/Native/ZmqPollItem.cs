using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native;

/// <summary><c>zmq_pollitem_t</c> on Unix (the file descriptor is an int).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ZmqPollItem
{
    public IntPtr Socket;
    public int Fd;
    public short Events;
    public short Revents;
}
