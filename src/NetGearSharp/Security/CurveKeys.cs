namespace NetGearSharp.Security;

/// <summary>Checks and converts CURVE keys in Z85 text.</summary>
public static class CurveKeys
{
    /// <summary>Length of a CURVE key in Z85 text.</summary>
    public const int Z85Length = 40;

    /// <summary>Whether <paramref name="key"/> is a 40-character Z85 key.</summary>
    public static bool IsValid(string? key)
        => key is { Length: Z85Length } && Z85.TryDecode(key, out _, out _);

    /// <summary>The 32 bytes of a Z85 key.</summary>
    /// <exception cref="FormatException">The key is not a 40-character Z85 key.</exception>
    public static byte[] ToBytes(string key)
    {
        Check(key, "key");
        return Z85.Decode(key);
    }

    /// <summary>The public key that belongs to a secret key (Curve25519).</summary>
    /// <exception cref="FormatException">The secret key is not a 40-character Z85 key.</exception>
    public static string PublicKeyOf(string secretKey)
    {
        Check(secretKey, "secret key");
        var certificate = NetMQ.NetMQCertificate.CreateFromSecretKey(Z85.Decode(secretKey));
        return Z85.Encode(certificate.PublicKey);
    }

    /// <summary>Throws a <see cref="FormatException"/> naming <paramref name="what"/> when the key is not a 40-character Z85 key.</summary>
    internal static void Check(string? key, string what)
    {
        if (key is null) throw new FormatException($"The {what} is missing; expected 40 characters of Z85.");
        // A secret key is never repeated in a message (logs and consoles are not secret): its length and fault only.
        var shown = IsSecret(what) ? "" : $" '{Shorten(key)}'";
        if (key.Length != Z85Length)
            throw new FormatException($"The {what}{shown} has {key.Length} characters; a CURVE key in Z85 has exactly 40.");
        if (!Z85.TryDecode(key, out _, out var error, quoteText: !IsSecret(what)))
            throw new FormatException($"The {what}{shown} is not valid Z85: {error}");
    }

    /// <summary>Whether <paramref name="what"/> names a secret key, whose text must not appear in messages.</summary>
    internal static bool IsSecret(string what) => what.Contains("secret", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string key) => key.Length <= 60 ? key : key[..57] + "...";
}
