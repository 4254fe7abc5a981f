using System.Globalization;

namespace NetGearSharp.Security;

/// <summary>
/// VidGear's key layout, so one directory serves Python VidGear and NetGearSharp alike:
/// <c>&lt;dir&gt;/.vidgear/keys/public_keys/{server.key,client.key}</c> and
/// <c>&lt;dir&gt;/.vidgear/keys/private_keys/{server.key_secret,client.key_secret}</c>. The client (which binds) is the
/// CURVE server and uses the <c>server</c> pair; sending servers use the <c>client</c> pair and the server's public
/// key. In IronHouse every <c>.key</c> file of <c>public_keys</c> is allowed (VidGear's rule), and
/// <c>keys/ports/&lt;port&gt;/*.key</c> (NetGearSharp only) limits a port to the keys listed for it.
/// </summary>
public sealed class KeyDirectory
{
    /// <summary>The name of the key pair the binding side (the client) uses.</summary>
    public const string ServerName = "server";

    /// <summary>The name of the key pair the connecting side (each sending server) uses.</summary>
    public const string ClientName = "client";

    private KeyDirectory(string root)
    {
        Root = root;
        KeysPath = Path.Combine(root, "keys");
        PublicKeysPath = Path.Combine(KeysPath, "public_keys");
        PrivateKeysPath = Path.Combine(KeysPath, "private_keys");
        PortsPath = Path.Combine(KeysPath, "ports");
    }

    /// <summary>The <c>.vidgear</c> folder.</summary>
    public string Root { get; }

    /// <summary><c>.vidgear/keys</c>.</summary>
    public string KeysPath { get; }

    /// <summary><c>.vidgear/keys/public_keys</c>: the public certificates (and IronHouse's allow-list).</summary>
    public string PublicKeysPath { get; }

    /// <summary><c>.vidgear/keys/private_keys</c>: the secret certificates.</summary>
    public string PrivateKeysPath { get; }

    /// <summary><c>.vidgear/keys/ports</c>: per-port allow-lists, one folder per port holding <c>.key</c> files.</summary>
    public string PortsPath { get; }

    /// <summary>The server public key file (<c>public_keys/server.key</c>).</summary>
    public string ServerPublicFile => Path.Combine(PublicKeysPath, ServerName + CertificateFile.PublicExtension);

    /// <summary>The client public key file (<c>public_keys/client.key</c>).</summary>
    public string ClientPublicFile => Path.Combine(PublicKeysPath, ClientName + CertificateFile.PublicExtension);

    /// <summary>The server secret key file (<c>private_keys/server.key_secret</c>).</summary>
    public string ServerSecretFile => Path.Combine(PrivateKeysPath, ServerName + CertificateFile.SecretExtension);

    /// <summary>The client secret key file (<c>private_keys/client.key_secret</c>).</summary>
    public string ClientSecretFile => Path.Combine(PrivateKeysPath, ClientName + CertificateFile.SecretExtension);

    /// <summary>The allow-list folder of one port (<c>ports/&lt;port&gt;</c>).</summary>
    public string PortPath(int port) => Path.Combine(PortsPath, port.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The layout under <paramref name="directory"/> (default: the home folder, as in VidGear). As in VidGear, a path
    /// that already ends in <c>.vidgear</c> is used as is; otherwise <c>.vidgear</c> is added.
    /// </summary>
    /// <exception cref="ArgumentException">No directory is given and this user has no home folder (a service account,
    /// or <c>HOME</c> naming a folder that does not exist).</exception>
    public static KeyDirectory At(string? directory = null)
    {
        var dir = string.IsNullOrWhiteSpace(directory) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : directory;
        if (string.IsNullOrWhiteSpace(dir))
            throw new ArgumentException("No key folder is given and this user has no home folder to look in (a service account, or HOME naming a folder that does not exist); give the key folder (KeysDirectory; the netgear tool's --keys).", nameof(directory));
        dir = Path.GetFullPath(dir);
        var root = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)) == ".vidgear" ? dir : Path.Combine(dir, ".vidgear");
        return new KeyDirectory(root);
    }

    /// <summary>Whether both key pairs are present (the files exist; <see cref="Load"/> checks their contents).</summary>
    public bool IsComplete
        => File.Exists(ServerPublicFile) && File.Exists(ClientPublicFile) && File.Exists(ServerSecretFile) && File.Exists(ClientSecretFile);

    /// <summary>
    /// Makes the server and client key pairs. Without <paramref name="overwrite"/>, complete existing keys are kept
    /// (and returned unchanged: <see cref="KeyGenerationResult.Created"/> is false); with it, the public and private key
    /// folders are emptied and new pairs written. Secret files are written with mode 0600.
    /// </summary>
    /// <exception cref="CertificateException">Existing key files are malformed (without overwrite).</exception>
    public KeyGenerationResult Generate(bool overwrite = false)
    {
        if (!overwrite && IsComplete) return new KeyGenerationResult(this, Created: false, Load());
        Directory.CreateDirectory(KeysPath);
        foreach (var folder in new[] { PublicKeysPath, PrivateKeysPath })
        {
            if (overwrite && Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder)) File.Delete(file);
            }
            Directory.CreateDirectory(folder);
        }
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(PrivateKeysPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var server = CurveKeyPair.Generate();
        var client = CurveKeyPair.Generate();
        CertificateFile.WritePublic(ServerPublicFile, server.PublicKey);
        CertificateFile.WriteSecret(ServerSecretFile, server);
        CertificateFile.WritePublic(ClientPublicFile, client.PublicKey);
        CertificateFile.WriteSecret(ClientSecretFile, client);
        return new KeyGenerationResult(this, Created: true, Load());
    }

    /// <summary>Reads and checks all four key files.</summary>
    /// <exception cref="CertificateException">A file is missing or malformed (the message names it).</exception>
    public KeySet Load()
    {
        var server = LoadServerKeyPair();
        var client = LoadClientKeyPair();
        var serverPublic = LoadServerPublicKey();
        var clientPublic = CertificateFile.Read(ClientPublicFile).PublicKey;
        if (serverPublic != server.PublicKey)
            throw new CertificateException(ServerPublicFile, $"its public key {serverPublic} is not the one in {ServerSecretFile} ({server.PublicKey}).");
        if (clientPublic != client.PublicKey)
            throw new CertificateException(ClientPublicFile, $"its public key {clientPublic} is not the one in {ClientSecretFile} ({client.PublicKey}).");
        return new KeySet(server, client);
    }

    /// <summary>The server key pair, used by the binding side (the client): <c>private_keys/server.key_secret</c>.</summary>
    public CurveKeyPair LoadServerKeyPair() => ReadSecret(ServerSecretFile);

    /// <summary>The client key pair, used by each sending server: <c>private_keys/client.key_secret</c>.</summary>
    public CurveKeyPair LoadClientKeyPair() => ReadSecret(ClientSecretFile);

    /// <summary>The server's public key, which a sending server must know: <c>public_keys/server.key</c>.</summary>
    public string LoadServerPublicKey() => CertificateFile.Read(ServerPublicFile).PublicKey;

    /// <summary>IronHouse's allow-list as VidGear has it: the public key of every <c>.key</c> file in <c>public_keys</c>.</summary>
    /// <exception cref="CertificateException">The folder is missing, or one of its <c>.key</c> files is malformed.</exception>
    public IReadOnlyList<string> LoadAllowedKeys() => ReadFolder(PublicKeysPath, required: true);

    /// <summary>
    /// Per-port allow-lists: for each folder <c>ports/&lt;port&gt;</c>, the public keys of its <c>.key</c> files. Empty
    /// when there is no <c>ports</c> folder.
    /// </summary>
    /// <exception cref="CertificateException">A folder name is not a port, or a <c>.key</c> file is malformed.</exception>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> LoadPortKeys()
    {
        var result = new Dictionary<int, IReadOnlyList<string>>();
        if (!Directory.Exists(PortsPath)) return result;
        foreach (var folder in Directory.EnumerateDirectories(PortsPath))
        {
            var name = Path.GetFileName(folder);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new CertificateException(folder, $"'{name}' is not a port; expected folders named 1-65535 under {PortsPath}, each holding the .key files allowed on that port.");
            result[port] = ReadFolder(folder, required: true);
        }
        return result;
    }

    /// <summary>
    /// Allows a public key on a port: copies it as <c>ports/&lt;port&gt;/&lt;name&gt;.key</c>. Returns the file written.
    /// </summary>
    public string AllowOnPort(int port, string name, string publicKey)
    {
        if (port is < 1 or > 65535) throw new ArgumentException($"Port {port} is outside the allowed range 1-65535.", nameof(port));
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
            throw new ArgumentException($"Name '{name}' is not a valid file name.", nameof(name));
        var folder = PortPath(port);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + CertificateFile.PublicExtension);
        CertificateFile.WritePublic(file, publicKey);
        return file;
    }

    private static CurveKeyPair ReadSecret(string path)
    {
        var certificate = CertificateFile.Read(path);
        if (certificate.SecretKey is null)
            throw new CertificateException(path, "it holds no secret-key line; expected a secret certificate with public-key and secret-key.");
        return new CurveKeyPair(certificate.PublicKey, certificate.SecretKey);
    }

    private static List<string> ReadFolder(string folder, bool required)
    {
        if (!Directory.Exists(folder))
        {
            if (!required) return [];
            throw new CertificateException(folder, "the folder does not exist; expected a folder of public .key files. Make keys with 'netgear keys generate DIR'.");
        }
        var keys = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*" + CertificateFile.PublicExtension).Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(CertificateFile.PublicExtension, StringComparison.Ordinal)) continue; // *.key also matches *.key_secret on some systems
            var key = CertificateFile.Read(file).PublicKey;
            if (!keys.Contains(key)) keys.Add(key);
        }
        return keys;
    }

    /// <inheritdoc />
    public override string ToString() => Root;
}
