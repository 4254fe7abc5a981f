using NetGearSharp.Transport.Native;

namespace NetGearSharp.Security;

/// <summary>
/// A CURVE key pair: a public and a secret key, each 32 bytes, kept as 40-character Z85 text (as ZeroMQ certificate
/// files, pyzmq and VidGear hold them). Make one with <see cref="Generate"/>; read one with <see cref="CertificateFile"/>.
/// </summary>
public sealed record CurveKeyPair
{
    /// <summary>Builds a key pair from Z85 keys after checking both are 40-character Z85 keys and belong together.</summary>
    /// <exception cref="FormatException">A key is not a 40-character Z85 key, or the public key is not the secret key's.</exception>
    public CurveKeyPair(string publicKey, string secretKey)
    {
        CurveKeys.Check(publicKey, "public key");
        CurveKeys.Check(secretKey, "secret key");
        var derived = CurveKeys.PublicKeyOf(secretKey);
        if (!string.Equals(derived, publicKey, StringComparison.Ordinal))
            throw new FormatException($"The public key {publicKey} does not belong to the secret key (its public key is {derived}).");
        PublicKey = publicKey;
        SecretKey = secretKey;
    }

    /// <summary>The public key, 40 characters of Z85: give it to peers.</summary>
    public string PublicKey { get; }

    /// <summary>The secret key, 40 characters of Z85: keep it private.</summary>
    public string SecretKey { get; }

    /// <summary>
    /// A new random key pair: from the system's libzmq (<c>zmq_curve_keypair</c>) where it is installed and built with
    /// CURVE, otherwise from NetMQ's managed implementation. Either way the keys work with both.
    /// </summary>
    public static CurveKeyPair Generate() => TryGenerateNative() ?? GenerateManaged();

    /// <summary>The key pair of a secret key (the public key is computed from it).</summary>
    /// <exception cref="FormatException">The secret key is not a 40-character Z85 key.</exception>
    public static CurveKeyPair FromSecretKey(string secretKey)
    {
        CurveKeys.Check(secretKey, "secret key");
        return new CurveKeyPair(CurveKeys.PublicKeyOf(secretKey), secretKey);
    }

    /// <summary>Whether <see cref="Generate"/> uses libzmq (true) or NetMQ (false) in this process.</summary>
    public static bool GeneratesWithLibzmq => NativeCurve.Value;

    /// <summary>A key pair from NetMQ's managed Curve25519 (no native library needed).</summary>
    internal static CurveKeyPair GenerateManaged()
    {
        var certificate = new NetMQ.NetMQCertificate();
        return new CurveKeyPair(Z85.Encode(certificate.PublicKey), Z85.Encode(certificate.SecretKey));
    }

    /// <summary>A key pair from libzmq's <c>zmq_curve_keypair</c>, or null where libzmq is absent or has no CURVE.</summary>
    internal static unsafe CurveKeyPair? TryGenerateNative()
    {
        if (!NativeCurve.Value) return null;
        var publicKey = stackalloc byte[41];
        var secretKey = stackalloc byte[41];
        if (ZmqNative.zmq_curve_keypair(publicKey, secretKey) != 0) return null;
        return new CurveKeyPair(new string((sbyte*)publicKey, 0, 40), new string((sbyte*)secretKey, 0, 40));
    }

    private static readonly Lazy<bool> NativeCurve = new(() =>
    {
        try
        {
            return ZmqNative.zmq_has("curve") == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            return false;
        }
    });

    /// <summary>Shows the public key only.</summary>
    public override string ToString() => $"CurveKeyPair {{ PublicKey = {PublicKey} }}";
}
