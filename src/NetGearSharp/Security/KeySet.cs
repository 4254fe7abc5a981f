namespace NetGearSharp.Security;

/// <summary>The two key pairs of a key directory.</summary>
/// <param name="Server">The pair the binding side (the client) uses.</param>
/// <param name="Client">The pair each sending server uses.</param>
public sealed record KeySet(CurveKeyPair Server, CurveKeyPair Client);
