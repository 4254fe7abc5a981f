namespace NetGearSharp.Transport.Native.Wire;

/// <summary>A connection <see cref="WireHooks"/> closed: its descriptor, the port it came in on, and why in words.</summary>
internal readonly record struct WireCut(long Connection, int Port, string Detail);
