using System.CommandLine;
using NetGearSharp.Security;

namespace NetGearSharp.Cli.Commands;

/// <summary>
/// <c>netgear keys</c>: CURVE keys for <c>--secure</c>, in VidGear's layout (one folder serves Python VidGear and
/// netgear): <c>generate [DIR] [--overwrite]</c>, <c>show DIR</c>, and <c>allow DIR --port N KEYFILE</c> for IronHouse's
/// per-port identity.
/// </summary>
internal sealed class KeysCommand : ICliCommand
{
    private readonly Argument<string?> _generateDir = new("DIR") { Description = "Folder for .vidgear/keys (default: the home folder, as VidGear).", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _overwrite = new("--overwrite") { Description = "Replace existing keys (peers holding the old public keys can no longer connect)." };
    private readonly Argument<string> _showDir = new("DIR") { Description = "Folder holding .vidgear/keys." };
    private readonly Argument<string> _allowDir = new("DIR") { Description = "The viewer's key folder (holding .vidgear/keys)." };
    private readonly Argument<string> _allowKey = new("KEYFILE") { Description = "The sender's public key file (its .vidgear/keys/public_keys/client.key)." };
    private readonly Option<int> _allowPort = new("--port", "-p") { HelpName = "PORT", Description = "The port the key may send on, 1-65535.", Required = true };
    private readonly Option<string?> _allowName = new("--name") { HelpName = "NAME", Description = "File name for the key under ports/PORT (default: the key file's folder owner, e.g. cam1)." };

    /// <inheritdoc />
    public Command Build()
    {
        var generate = new Command("generate", "Make the server and client key pairs in VidGear's layout: DIR/.vidgear/keys/{public_keys,private_keys}. Keeps complete existing keys unless --overwrite.")
        {
            _generateDir, _overwrite,
        };
        CommandRunner.SetAction(generate, r => new KeysRequest(KeysAction.Generate, Folder(r.GetValue(_generateDir)), r.GetValue(_overwrite), null, 0, null),
            (request, _) => Task.FromResult(Generate(request, Console.Out)));

        var show = new Command("show", "Show the public keys of a key folder, the IronHouse allow-list and the per-port lists (never the secret keys).") { _showDir };
        CommandRunner.SetAction(show, r => new KeysRequest(KeysAction.Show, Folder(r.GetValue(_showDir)), false, null, 0, null),
            (request, _) => Task.FromResult(Show(request, Console.Out)));

        var allow = new Command("allow", "IronHouse per-port identity: allow a sender's public key on one port only (copied to DIR/.vidgear/keys/ports/PORT/NAME.key).")
        {
            _allowDir, _allowKey, _allowPort, _allowName,
        };
        CommandRunner.SetAction(allow, r => new KeysRequest(KeysAction.Allow, Folder(r.GetValue(_allowDir)), false, KeyFile(r.GetValue(_allowKey)!),
                ArgumentParsers.Port(r.GetValue(_allowPort), "--port"), Name(r.GetValue(_allowName))),
            (request, _) => Task.FromResult(Allow(request, Console.Out)));

        return new Command("keys", "CURVE keys for --secure, in VidGear's layout (shared with Python VidGear).") { generate, show, allow };
    }

    /// <summary><c>keys generate</c>.</summary>
    public static int Generate(KeysRequest request, TextWriter output)
    {
        var directory = KeyDirectory.At(request.Directory);
        KeyGenerationResult result;
        try
        {
            result = directory.Generate(request.Overwrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException("DIR", $"cannot write keys under '{request.Directory}' ({ex.Message.TrimEnd('.')}); give a folder you can write to (it is created if needed).");
        }
        output.WriteLine(result.Created
            ? $"netgear keys: wrote new server and client key pairs to {directory.KeysPath} (made by {(CurveKeyPair.GeneratesWithLibzmq ? "libzmq" : "NetMQ: libzmq with CURVE is not available")})"
            : $"netgear keys: complete keys already in {directory.KeysPath}; kept them (--overwrite replaces them)");
        WritePairs(output, directory, result.Keys.Server.PublicKey, result.Keys.Client.PublicKey);
        return ExitCodes.Ok;
    }

    /// <summary><c>keys show</c>.</summary>
    public static int Show(KeysRequest request, TextWriter output)
    {
        var directory = KeyDirectory.At(request.Directory);
        if (!Directory.Exists(directory.KeysPath))
            throw new UsageException("DIR", $"'{request.Directory}' has no key folder {directory.KeysPath}; make one with 'netgear keys generate {request.Directory}'.");
        output.WriteLine($"netgear keys: {directory.KeysPath}");
        var serverPublic = CertificateFile.Read(directory.ServerPublicFile).PublicKey;
        var clientPublic = CertificateFile.Read(directory.ClientPublicFile).PublicKey;
        WritePairs(output, directory, serverPublic, clientPublic);
        foreach (var (file, publicKey) in new[] { (directory.ServerSecretFile, serverPublic), (directory.ClientSecretFile, clientPublic) })
        {
            if (!File.Exists(file))
            {
                output.WriteLine($"  {Path.GetFileName(file),-19} missing");
                continue;
            }
            var pair = CertificateFile.Read(file).ToKeyPair();
            var mode = OperatingSystem.IsWindows() ? "" : $", mode {Convert.ToString((int)File.GetUnixFileMode(file), 8)}";
            var note = pair.PublicKey == publicKey ? "matches its public key" : $"public key {pair.PublicKey} (public_keys holds another: a peer's key, to send to it)";
            output.WriteLine($"  {Path.GetFileName(file),-19} secret present{mode}; {note}");
        }
        var allowed = directory.LoadAllowedKeys();
        output.WriteLine($"  IronHouse allow-list (public_keys/*.key): {allowed.Count} key(s)");
        foreach (var (port, keys) in directory.LoadPortKeys().OrderBy(p => p.Key))
            output.WriteLine($"  port {port}: only {string.Join(", ", keys)}");
        return ExitCodes.Ok;
    }

    /// <summary><c>keys allow</c>.</summary>
    public static int Allow(KeysRequest request, TextWriter output)
    {
        var directory = KeyDirectory.At(request.Directory);
        var key = CertificateFile.Read(request.KeyFile!).PublicKey;
        var name = request.Name ?? DefaultName(request.KeyFile!);
        var file = directory.AllowOnPort(request.Port, name, key);
        output.WriteLine($"netgear keys: port {request.Port} now accepts {key} ({file}); restart the viewer to apply");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Checks a key folder argument up front: neither it nor a folder above it may be a file (before: 'could not find a
    /// part of the path' once writing, exit code 1).
    /// </summary>
    /// <exception cref="UsageException">It, or a folder above it, is a file.</exception>
    private static string? Folder(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) return directory;
        for (var path = Path.GetFullPath(directory); path is not null; path = Path.GetDirectoryName(path))
        {
            if (Directory.Exists(path)) break;
            if (File.Exists(path))
            {
                var which = path == Path.GetFullPath(directory) ? $"'{directory}' is a file" : $"'{path}' (in '{directory}') is a file";
                throw new UsageException("DIR", $"{which}, not a folder; give the folder that holds (or is to hold) .vidgear/keys.");
            }
        }
        return directory;
    }

    /// <summary>Checks the sender's public key file exists.</summary>
    /// <exception cref="UsageException">It does not, or is a folder.</exception>
    private static string KeyFile(string keyFile) => File.Exists(keyFile)
        ? keyFile
        : throw new UsageException("KEYFILE", $"'{keyFile}' {(Directory.Exists(keyFile) ? "is a folder" : "does not exist")}; give the sender's public key file (its .vidgear/keys/public_keys/client.key).");

    /// <summary>Checks <c>--name</c> is a plain file name.</summary>
    /// <exception cref="UsageException">It has a path separator or another character a file name cannot have, or is empty, . or ...</exception>
    private static string? Name(string? name) => name is null || (!string.IsNullOrWhiteSpace(name) && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name is not ("." or ".."))
        ? name
        : throw new UsageException("--name", $"'{name}' is not allowed; give a plain file name for the key (no '/', not empty, '.' or '..'), e.g. cam1.");

    private static void WritePairs(TextWriter output, KeyDirectory directory, string server, string client)
    {
        output.WriteLine($"  server public key  {server}  (the viewer's; every sender needs {directory.ServerPublicFile})");
        output.WriteLine($"  client public key  {client}  (the senders')");
    }

    /// <summary>A name for an allowed key: the folder above <c>.vidgear</c> (e.g. <c>cam1</c>), else the file's name.</summary>
    private static string DefaultName(string keyFile)
    {
        var full = Path.GetFullPath(keyFile);
        for (var dir = Path.GetDirectoryName(full); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Path.GetFileName(dir) == ".vidgear")
                return Path.GetFileName(Path.GetDirectoryName(dir)) is { Length: > 0 } owner ? owner : "sender";
        }
        return Path.GetFileNameWithoutExtension(full);
    }
}
