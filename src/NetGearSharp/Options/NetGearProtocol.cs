namespace NetGearSharp;

/// <summary>The transport protocol of the endpoints (<c>protocol</c> option).</summary>
public enum NetGearProtocol
{
    /// <summary>TCP: <c>tcp://address:port</c> (default).</summary>
    Tcp,
    /// <summary>Inter-process: <c>ipc://address:port</c>, where the address is a path prefix.</summary>
    Ipc,
}
