using NetGearSharp.Transport.Zmtp;

namespace NetGearSharp.Transport.Native.Wire;

/// <summary>One accepted connection followed by <see cref="WireHooks"/>: its meter, and whether it was cut. libzmq reads
/// a connection on one I/O thread at a time.</summary>
internal sealed class WireConnection
{
    public WireConnection(WireListener listener)
    {
        Listener = listener;
        Meter = new ZmtpMeter(listener.Watch.MaxMessageBytes, listener.Watch.MaxPartBytes);
    }

    public WireListener Listener { get; }

    public ZmtpMeter Meter { get; }

    /// <summary>Whether it was closed: every later read of it ends.</summary>
    public bool Cut { get; set; }
}
