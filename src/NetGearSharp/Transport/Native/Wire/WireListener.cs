namespace NetGearSharp.Transport.Native.Wire;

/// <summary>A listening descriptor libzmq opened while binding a watched socket: whose, and on which port.</summary>
internal sealed record WireListener(WireWatch Watch, int Port);
