using NetGearSharp.Security;

namespace NetGearSharp.Transport;

/// <summary>CURVE security of one socket (<see cref="SocketSpec.Curve"/>).</summary>
/// <param name="Server">True for the CURVE server (the binding client); false for a CURVE client (a sending server).</param>
/// <param name="Keys">This socket's key pair.</param>
/// <param name="ServerKey">A CURVE client: the server's public key (Z85). Null for a CURVE server.</param>
/// <param name="Authorizer">A CURVE server in IronHouse: who may connect on which port. Null: any key that knows the server key.</param>
/// <param name="PublicKeyFile">A CURVE client: the file its public key was read from (named when the client refuses it); else null.</param>
internal sealed record CurveSpec(bool Server, CurveKeyPair Keys, string? ServerKey, ZapPolicy? Authorizer, string? PublicKeyFile = null);
