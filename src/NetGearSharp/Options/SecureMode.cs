namespace NetGearSharp;

/// <summary>ZeroMQ security of a connection, VidGear's <c>secure_mode</c> (same numbers).</summary>
public enum SecureMode
{
    /// <summary>0: plain, no encryption and no authentication (the default).</summary>
    Grasslands = 0,
    /// <summary>1: CURVE encryption; a sender must know the client's public key, and any sender that knows it may connect.</summary>
    StoneHouse = 1,
    /// <summary>2: StoneHouse, and the client accepts only senders whose public keys it allows (per port, if asked).</summary>
    IronHouse = 2,
}
