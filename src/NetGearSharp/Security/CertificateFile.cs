using System.Globalization;
using System.Text;

namespace NetGearSharp.Security;

/// <summary>
/// ZeroMQ certificate files: ZPL text as pyzmq's <c>zmq.auth.create_certificates</c> writes them (and czmq, and
/// VidGear through pyzmq) — comment lines starting with <c>#</c>, a <c>metadata</c> section, and a <c>curve</c>
/// section with <c>public-key = "…"</c> and, in a secret file, <c>secret-key = "…"</c> (Z85). Public files end in
/// <c>.key</c>, secret files in <c>.key_secret</c>. Secret files are written readable by their owner only.
/// </summary>
public static class CertificateFile
{
    /// <summary>Extension of a public certificate file.</summary>
    public const string PublicExtension = ".key";

    /// <summary>Extension of a secret certificate file.</summary>
    public const string SecretExtension = ".key_secret";

    private const string PublicBanner =
        "#   ****  Generated on {0} by NetGearSharp  ****\n" +
        "#   ZeroMQ CURVE Public Certificate\n" +
        "#   Exchange securely, or use a secure mechanism to verify the contents\n" +
        "#   of this file after exchange. Store public certificates in your home\n" +
        "#   directory, in the .curve subdirectory.\n\n";

    private const string SecretBanner =
        "#   ****  Generated on {0} by NetGearSharp  ****\n" +
        "#   ZeroMQ CURVE **Secret** Certificate\n" +
        "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n\n";

    /// <summary>
    /// Writes <c>&lt;directory&gt;/&lt;name&gt;.key</c> (public key) and <c>&lt;directory&gt;/&lt;name&gt;.key_secret</c>
    /// (both keys, mode 0600), replacing files of those names. Returns both paths.
    /// </summary>
    public static (string PublicFile, string SecretFile) WritePair(string directory, string name, CurveKeyPair keys)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(keys);
        var publicFile = Path.Combine(directory, name + PublicExtension);
        var secretFile = Path.Combine(directory, name + SecretExtension);
        WritePublic(publicFile, keys.PublicKey);
        WriteSecret(secretFile, keys);
        return (publicFile, secretFile);
    }

    /// <summary>Writes a public certificate file (the public key only).</summary>
    public static void WritePublic(string path, string publicKey)
    {
        CurveKeys.Check(publicKey, "public key");
        Write(path, Format(PublicBanner, publicKey, null), secret: false);
    }

    /// <summary>Writes a secret certificate file (both keys), readable by its owner only (mode 0600).</summary>
    public static void WriteSecret(string path, CurveKeyPair keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Write(path, Format(SecretBanner, keys.PublicKey, keys.SecretKey), secret: true);
    }

    /// <summary>The certificate's text, as pyzmq writes it.</summary>
    internal static string Format(string banner, string publicKey, string? secretKey)
    {
        // Python's str(datetime.now()): 2026-12-02 00:40:12.123456
        var now = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        var text = new StringBuilder(string.Format(CultureInfo.InvariantCulture, banner, now));
        text.Append("metadata\n");
        text.Append("curve\n");
        text.Append("    public-key = \"").Append(publicKey).Append("\"\n");
        if (secretKey is not null) text.Append("    secret-key = \"").Append(secretKey).Append("\"\n");
        return text.ToString();
    }

    private static void Write(string path, string text, bool secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (secret && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                if (secret && !OperatingSystem.IsWindows()) File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <summary>
    /// Reads a certificate file as pyzmq's <c>zmq.auth.load_certificate</c> does: the first <c>public-key</c> and
    /// <c>secret-key</c> lines (quotes optional). Both keys are checked.
    /// </summary>
    /// <exception cref="CertificateException">The file is missing or unreadable, has no public key, or a key is not 40 characters of Z85; the message names the file and what was expected.</exception>
    public static CurveCertificate Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CertificateException(path, "the file does not exist; expected a ZeroMQ certificate (ZPL text with a 'curve' section holding public-key = \"<40 Z85 characters>\"). Make keys with 'netgear keys generate DIR'.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateException(path, $"the file cannot be read: {ex.Message}", ex);
        }
        string? publicKey = null, secretKey = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#')) continue;
            if (publicKey is null && line.StartsWith("public-key", StringComparison.Ordinal)) publicKey = Value(path, line, i + 1, "public key");
            else if (secretKey is null && line.StartsWith("secret-key", StringComparison.Ordinal)) secretKey = Value(path, line, i + 1, "secret key");
        }
        if (publicKey is null)
            throw new CertificateException(path, "no public-key line found; expected a ZeroMQ certificate (ZPL text with a 'curve' section holding public-key = \"<40 Z85 characters>\").");
        if (secretKey is not null)
        {
            var derived = CurveKeys.PublicKeyOf(secretKey);
            if (!string.Equals(derived, publicKey, StringComparison.Ordinal))
                throw new CertificateException(path, $"its public-key {publicKey} does not belong to its secret-key (whose public key is {derived}).");
        }
        return new CurveCertificate(path, publicKey, secretKey);
    }

    private static string Value(string path, string line, int number, string what)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        var shown = CurveKeys.IsSecret(what) ? "" : $" '{line}'"; // a secret key's line is not repeated
        if (equals < 0) throw new CertificateException(path, $"line {number}{shown} has no '='; expected {what.Replace(' ', '-')} = \"<40 Z85 characters>\".");
        var value = line[(equals + 1)..].Trim(' ', '\t', '\'', '"');
        try
        {
            CurveKeys.Check(value, what);
        }
        catch (FormatException ex)
        {
            throw new CertificateException(path, $"line {number}: {ex.Message}", ex);
        }
        return value;
    }
}
