namespace NetGearSharp.Security;

/// <summary>What a certificate file holds: a public key and, in a secret file, the secret key (Z85 text).</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="PublicKey">The public key, 40 characters of Z85.</param>
/// <param name="SecretKey">The secret key, or null in a public certificate.</param>
public sealed record CurveCertificate(string Path, string PublicKey, string? SecretKey)
{
    /// <summary>The key pair of a secret certificate.</summary>
    /// <exception cref="CertificateException">The file holds no secret key (a public certificate).</exception>
    public CurveKeyPair ToKeyPair()
        => SecretKey is null
            ? throw new CertificateException(Path, "it holds no secret-key line; expected a secret certificate (.key_secret) with public-key and secret-key.")
            : new CurveKeyPair(PublicKey, SecretKey);

    /// <summary>Shows the path and public key, never the secret key.</summary>
    public override string ToString() => $"CurveCertificate {{ Path = {Path}, PublicKey = {PublicKey}, HasSecretKey = {SecretKey is not null} }}";
}
