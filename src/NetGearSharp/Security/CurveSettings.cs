using Microsoft.Extensions.Logging;
using NetGearSharp.Logging;
using NetGearSharp.Transport;

namespace NetGearSharp.Security;

/// <summary>Turns the secure-mode options into the CURVE part of a socket spec, reading the keys once.</summary>
internal static class CurveSettings
{
    /// <summary>
    /// The client (binding, CURVE server) side: the <c>server</c> key pair; in IronHouse, the allow-list and the
    /// per-port lists. Null in Grasslands.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (mode, a per-port key or port).</exception>
    /// <exception cref="CertificateException">A key file is missing or malformed.</exception>
    public static CurveSpec? ForClient(SecureMode mode, string? keysDirectory, IReadOnlyDictionary<int, IReadOnlyList<string>>? byPort,
        IReadOnlyCollection<int> ports, ILogger logger)
    {
        CheckMode(mode);
        if (mode == SecureMode.Grasslands)
        {
            if (byPort is { Count: > 0 })
                throw new ArgumentException("AllowedKeysByPort is set but SecureMode is Grasslands; per-port keys need SecureMode IronHouse.", "AllowedKeysByPort");
            return null;
        }
        var directory = Keys(keysDirectory);
        var keys = directory.LoadServerKeyPair();
        logger.ClientKeyPair(mode, directory.ServerSecretFile, keys.PublicKey);
        if (mode == SecureMode.StoneHouse)
        {
            if (byPort is { Count: > 0 })
                throw new ArgumentException("AllowedKeysByPort is set but SecureMode is StoneHouse, which checks no keys; use IronHouse.", "AllowedKeysByPort");
            return new CurveSpec(Server: true, keys, ServerKey: null, Authorizer: null);
        }

        var allowed = directory.LoadAllowedKeys();
        var lists = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        var unused = new List<int>();
        foreach (var (port, list) in directory.LoadPortKeys())
        {
            // A key folder may list servers this client does not view (the same folder for several viewers, or a
            // subset of the cameras viewed now): their lists are simply unused.
            if (ports.Contains(port)) Add(lists, port, list, ports, $"folder {directory.PortPath(port)}");
            else unused.Add(port);
        }
        if (unused.Count > 0)
            logger.PortKeyListsUnused(string.Join(", ", unused.Order()), directory.PortsPath);
        foreach (var (port, list) in byPort ?? new Dictionary<int, IReadOnlyList<string>>())
        {
            if (list is null) throw new ArgumentException($"AllowedKeysByPort[{port}] is null; give the public keys (Z85) allowed on port {port}.", "AllowedKeysByPort");
            foreach (var key in list)
            {
                if (!CurveKeys.IsValid(key))
                    throw new ArgumentException($"AllowedKeysByPort[{port}] has '{key}', which is not a public key: expected 40 characters of Z85.", "AllowedKeysByPort");
            }
            Add(lists, port, list, ports, "AllowedKeysByPort");
        }
        var policy = new ZapPolicy(allowed, lists, (port, key, reason) => logger.KeyRefused(port, key, reason));
        logger.AllowedKeys(policy.AllowedCount, directory.PublicKeysPath,
            lists.Count == 0 ? "none" : string.Join(", ", lists.Keys.Order(StringComparer.Ordinal)));
        return new CurveSpec(Server: true, keys, ServerKey: null, policy);
    }

    /// <summary>A sending server (CURVE client): the <c>client</c> key pair and the server's public key. Null in Grasslands.</summary>
    /// <exception cref="CertificateException">A key file is missing or malformed.</exception>
    public static CurveSpec? ForServer(SecureMode mode, string? keysDirectory, ILogger logger)
    {
        CheckMode(mode);
        if (mode == SecureMode.Grasslands) return null;
        var directory = Keys(keysDirectory);
        // IronHouse and StoneHouse look the same from the sending side: it presents its key pair.
        var keys = directory.LoadClientKeyPair();
        var serverKey = directory.LoadServerPublicKey();
        // The client gives a sender with the wrong server key no answer at all: this line is how to compare.
        logger.ServerKeyPair(mode, directory.ClientSecretFile, keys.PublicKey, serverKey, directory.ServerPublicFile);
        return new CurveSpec(Server: false, keys, serverKey, Authorizer: null, PublicKeyFile: directory.ClientPublicFile);
    }

    /// <summary>
    /// Refuses a transport that cannot give <paramref name="mode"/>: only the library's own transports apply CURVE, and
    /// an IronHouse client (the side that checks keys) needs libzmq's ZAP (the native transport); a sending server
    /// only presents its keys, on either transport. Nothing is ever made less secure than asked.
    /// </summary>
    /// <exception cref="ArgumentException">The transport cannot give the mode (the message says which transport to use).</exception>
    public static void RequireSupported(SecureMode mode, ITransport transport, TransportKind kind, bool custom, bool client)
    {
        if (mode == SecureMode.Grasslands) return;
        if (transport is not (Transport.Native.NativeTransport or Transport.NetMq.NetMqTransport))
            throw new ArgumentException($"SecureMode {mode} needs one of the library's transports (native or NetMQ), which apply CURVE; the custom transport '{transport.Name}' cannot be given keys, and the {(client ? "client" : "server")} will not start with less security than asked.", "SecureMode");
        if (!client || mode != SecureMode.IronHouse || transport is Transport.Native.NativeTransport) return;
        var why = kind == TransportKind.Auto && !custom
            ? "TransportKind.Auto chose NetMQ because libzmq could not be loaded (install libzmq5, or set Transport to Native to see why)"
            : $"the {transport.Name} transport was chosen";
        throw new ArgumentException($"SecureMode IronHouse needs ZAP to check each sender's public key, and {why}, which has no ZAP: the client will not start with less security than asked. Use the native transport (libzmq) for IronHouse, or StoneHouse.", "SecureMode");
    }

    private static void Add(Dictionary<string, IReadOnlyCollection<string>> lists, int port, IReadOnlyList<string> keys,
        IReadOnlyCollection<int> ports, string source)
    {
        if (!ports.Contains(port))
            throw new ArgumentException($"{source} lists keys for port {port}, which is not one of the client's ports [{string.Join(", ", ports)}].", "AllowedKeysByPort");
        var name = Protocol.PortNames.Get(port);
        lists[name] = lists.TryGetValue(name, out var existing) ? existing.Concat(keys).Distinct(StringComparer.Ordinal).ToArray() : keys.ToArray();
    }

    private static void CheckMode(SecureMode mode)
    {
        if (!Enum.IsDefined(mode))
            throw new ArgumentException($"SecureMode {(int)mode} is not allowed; use Grasslands (0), StoneHouse (1) or IronHouse (2).", "SecureMode");
    }

    /// <summary>The key folder of the options (<see cref="KeyDirectory.At"/>), its error naming the option.</summary>
    private static KeyDirectory Keys(string? keysDirectory)
    {
        try
        {
            return KeyDirectory.At(keysDirectory);
        }
        catch (ArgumentException ex) when (ex.ParamName == "directory")
        {
            throw new ArgumentException(ex.Message.Replace(" (Parameter 'directory')", "", StringComparison.Ordinal), "KeysDirectory", ex);
        }
    }
}
