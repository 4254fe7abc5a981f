using System.Text;
using NetGearSharp.Security;
using NetGearSharp.Security.Tests.Support;

namespace NetGearSharp.Security.Tests;

/// <summary>Z85, key pairs and certificate files in pyzmq's format, read and written both ways.</summary>
public sealed class KeyFormatTests
{
    [Fact]
    public void Z85_matches_the_RFC_32_example_and_round_trips()
    {
        byte[] bytes = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B];
        Assert.Equal("HelloWorld", Z85.Encode(bytes));
        Assert.Equal(bytes, Z85.Decode("HelloWorld"));
        var random = new byte[32];
        Random.Shared.NextBytes(random);
        Assert.Equal(random, Z85.Decode(Z85.Encode(random)));
    }

    [Fact]
    public void Z85_errors_say_what_is_wrong()
    {
        Assert.Contains("not a multiple of 5", Assert.Throws<FormatException>(() => Z85.Decode("abcd")).Message);
        Assert.Contains("'~'", Assert.Throws<FormatException>(() => Z85.Decode("abc~d")).Message);
        Assert.Contains("multiple of 4", Assert.Throws<ArgumentException>(() => Z85.Encode(new byte[3])).Message);
    }

    [Fact]
    public void Libzmq_and_NetMQ_key_pairs_are_valid_and_consistent()
    {
        var native = CurveKeyPair.TryGenerateNative();
        Assert.NotNull(native); // libzmq5 with CURVE is installed on the test machines
        var managed = CurveKeyPair.GenerateManaged();
        foreach (var pair in new[] { native!, managed })
        {
            Assert.True(CurveKeys.IsValid(pair.PublicKey));
            Assert.True(CurveKeys.IsValid(pair.SecretKey));
            Assert.Equal(pair.PublicKey, CurveKeys.PublicKeyOf(pair.SecretKey));
        }
        Assert.NotEqual(native!.PublicKey, managed.PublicKey);
        Assert.DoesNotContain(native.SecretKey, native.ToString());
    }

    [Fact]
    public void A_public_key_that_does_not_belong_to_the_secret_key_is_refused()
    {
        var a = CurveKeyPair.Generate();
        var b = CurveKeyPair.Generate();
        var ex = Assert.Throws<FormatException>(() => new CurveKeyPair(a.PublicKey, b.SecretKey));
        Assert.Contains("does not belong", ex.Message);
    }

    [Fact]
    public void Written_certificates_have_pyzmqs_layout_and_parse_with_pyzmqs_rules()
    {
        using var dir = new TempDir();
        var keys = CurveKeyPair.Generate();
        var (publicFile, secretFile) = CertificateFile.WritePair(dir.Path, "server", keys);
        Assert.Equal(Path.Combine(dir.Path, "server.key"), publicFile);
        Assert.Equal(Path.Combine(dir.Path, "server.key_secret"), secretFile);

        // The layout pyzmq's _write_key_file produces: banner comments, a blank line, metadata, curve, indented keys.
        var lines = File.ReadAllText(secretFile).Split('\n');
        Assert.StartsWith("#   ****  Generated on ", lines[0]);
        Assert.Equal("#   ZeroMQ CURVE **Secret** Certificate", lines[1]);
        var blank = Array.IndexOf(lines, "");
        Assert.True(blank > 1);
        Assert.Equal("metadata", lines[blank + 1]);
        Assert.Equal("curve", lines[blank + 2]);
        Assert.Equal($"    public-key = \"{keys.PublicKey}\"", lines[blank + 3]);
        Assert.Equal($"    secret-key = \"{keys.SecretKey}\"", lines[blank + 4]);
        Assert.DoesNotContain("secret-key", File.ReadAllText(publicFile));

        // pyzmq's zmq.auth.load_certificate, re-implemented from its description: skip '#' lines, take the value after
        // the first '=' of the lines starting with public-key / secret-key, stripped of blanks and quotes.
        Assert.Equal((keys.PublicKey, keys.SecretKey), PyzmqRules(secretFile));
        Assert.Equal((keys.PublicKey, (string?)null), PyzmqRules(publicFile));
    }

    [Fact]
    public void A_hand_written_pyzmq_format_file_loads()
    {
        using var dir = new TempDir();
        var keys = CurveKeyPair.Generate();
        var path = Path.Combine(dir.Path, "client.key_secret");
        File.WriteAllText(path,
            "#   ****  Generated on 2024-01-01 10:00:00.000000 by pyzmq  ****\n" +
            "#   ZeroMQ CURVE **Secret** Certificate\n" +
            "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n\n" +
            "metadata\n" +
            "    name = \"camera\"\n" +
            "curve\n" +
            $"    public-key = \"{keys.PublicKey}\"\n" +
            $"    secret-key = '{keys.SecretKey}'\n");
        var certificate = CertificateFile.Read(path);
        Assert.Equal(keys, certificate.ToKeyPair());
    }

    [Fact]
    public void A_malformed_secret_key_is_never_repeated_in_an_error()
    {
        var secret = CurveKeyPair.Generate().SecretKey;
        string[] bad = [secret + "x", secret[..39] + "~", "|" + secret[1..]];
        foreach (var key in bad)
        {
            var message = Assert.Throws<FormatException>(() => CurveKeyPair.FromSecretKey(key)).Message;
            Assert.Contains("secret key", message);
            Assert.DoesNotContain(secret[5..30], message);
            Assert.DoesNotContain("'~'", message);
        }
        // Out of range: a group of 5 valid characters above 2^32 ("#####" is 85^5 - 1).
        var outOfRange = Assert.Throws<FormatException>(() => CurveKeyPair.FromSecretKey("#####" + secret[5..])).Message;
        Assert.Contains("characters 1-5 is out of range", outOfRange);
        Assert.DoesNotContain("#####", outOfRange);
        Assert.DoesNotContain(secret[5..30], outOfRange);

        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "server.key_secret");
        File.WriteAllText(file, $"curve\n    public-key = \"{CurveKeyPair.Generate().PublicKey}\"\n    secret-key \"{secret}\"\n");
        var ex = Assert.Throws<CertificateException>(() => CertificateFile.Read(file));
        Assert.Contains("line 3", ex.Message);
        Assert.DoesNotContain(secret, ex.Message);
        File.WriteAllText(file, $"curve\n    public-key = \"{CurveKeyPair.Generate().PublicKey}\"\n    secret-key = \"{secret}~\"\n");
        ex = Assert.Throws<CertificateException>(() => CertificateFile.Read(file));
        Assert.Contains("41 characters", ex.Message);
        Assert.DoesNotContain(secret[5..30], ex.Message);

        // A public key is shown: it is no secret, and seeing it helps.
        var publicKey = CurveKeyPair.Generate().PublicKey;
        Assert.Contains(publicKey, Assert.Throws<FormatException>(() => new CurveKeyPair(publicKey + "x", secret)).Message);
    }

    [Fact]
    public void Key_file_errors_name_the_file_and_what_was_expected()
    {
        using var dir = new TempDir();
        var missing = Path.Combine(dir.Path, "nothing.key");
        var ex = Assert.Throws<CertificateException>(() => CertificateFile.Read(missing));
        Assert.Contains(missing, ex.Message);
        Assert.Contains("does not exist", ex.Message);
        Assert.Contains("public-key", ex.Message);

        var noKey = Path.Combine(dir.Path, "empty.key");
        File.WriteAllText(noKey, "metadata\ncurve\n");
        ex = Assert.Throws<CertificateException>(() => CertificateFile.Read(noKey));
        Assert.Contains(noKey, ex.Message);
        Assert.Contains("no public-key", ex.Message);

        var shortKey = Path.Combine(dir.Path, "short.key");
        File.WriteAllText(shortKey, "curve\n    public-key = \"abcde\"\n");
        ex = Assert.Throws<CertificateException>(() => CertificateFile.Read(shortKey));
        Assert.Contains(shortKey, ex.Message);
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("40", ex.Message);

        var layout = KeyDirectory.At(dir.Path);
        ex = Assert.Throws<CertificateException>(() => layout.LoadServerKeyPair());
        Assert.Contains(Path.Combine(".vidgear", "keys", "private_keys", "server.key_secret"), ex.Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Generate_writes_VidGears_layout_with_private_secrets_and_keeps_or_overwrites()
    {
        using var dir = new TempDir();
        var layout = KeyDirectory.At(dir.Path);
        Assert.Equal(Path.Combine(dir.Path, ".vidgear"), layout.Root);
        Assert.Equal(layout.Root, KeyDirectory.At(layout.Root).Root); // a path ending in .vidgear is used as is

        var first = layout.Generate();
        Assert.True(first.Created);
        foreach (var file in new[] { "public_keys/server.key", "public_keys/client.key", "private_keys/server.key_secret", "private_keys/client.key_secret" })
            Assert.True(File.Exists(Path.Combine(layout.KeysPath, file)), file);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.ServerSecretFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.ClientSecretFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(layout.PrivateKeysPath));

        var kept = layout.Generate();
        Assert.False(kept.Created);
        Assert.Equal(first.Keys, kept.Keys);

        var replaced = layout.Generate(overwrite: true);
        Assert.True(replaced.Created);
        Assert.NotEqual(first.Keys.Server.PublicKey, replaced.Keys.Server.PublicKey);
        Assert.Equal(replaced.Keys, layout.Load());
        Assert.Equal([replaced.Keys.Client.PublicKey, replaced.Keys.Server.PublicKey], layout.LoadAllowedKeys());
    }

    [Fact]
    public void Per_port_lists_load_from_the_ports_folder()
    {
        using var dir = new TempDir();
        var layout = KeyDirectory.At(dir.Path);
        layout.Generate();
        var camera = CurveKeyPair.Generate();
        var file = layout.AllowOnPort(5566, "camera-a", camera.PublicKey);
        Assert.Equal(Path.Combine(layout.KeysPath, "ports", "5566", "camera-a.key"), file);
        var lists = layout.LoadPortKeys();
        Assert.Equal([camera.PublicKey], lists[5566]);

        Directory.CreateDirectory(Path.Combine(layout.PortsPath, "not-a-port"));
        var ex = Assert.Throws<CertificateException>(() => layout.LoadPortKeys());
        Assert.Contains("not-a-port", ex.Message);
    }

    [Fact]
    public async Task Real_pyzmq_reads_our_files_and_we_read_pyzmqs()
    {
        using var dir = new TempDir();
        var ours = CurveKeyPair.Generate();
        var (publicFile, secretFile) = CertificateFile.WritePair(dir.Path, "ours", ours);
        var pyzmqDir = dir.Sub("pyzmq");
        var output = await Python.RunAsync($$"""
            import zmq.auth
            pub, sec = zmq.auth.load_certificate({{Python.Quote(secretFile)}})
            pub2, none = zmq.auth.load_certificate({{Python.Quote(publicFile)}})
            print("OURS", pub.decode(), sec.decode(), pub2.decode(), none)
            p, s = zmq.auth.create_certificates({{Python.Quote(pyzmqDir)}}, "theirs")
            pub, sec = zmq.auth.load_certificate(s)
            print("THEIRS", pub.decode(), sec.decode())
            """, TimeSpan.FromSeconds(60));
        var oursLine = output.Split('\n').Single(l => l.StartsWith("OURS ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal([ours.PublicKey, ours.SecretKey, ours.PublicKey, "None"], oursLine[1..]);
        var theirsLine = output.Split('\n').Single(l => l.StartsWith("THEIRS ", StringComparison.Ordinal)).Split(' ');
        var theirs = CertificateFile.Read(Path.Combine(pyzmqDir, "theirs.key_secret")).ToKeyPair();
        Assert.Equal(theirsLine[1], theirs.PublicKey);
        Assert.Equal(theirsLine[2], theirs.SecretKey);
        Assert.Equal(theirs.PublicKey, CertificateFile.Read(Path.Combine(pyzmqDir, "theirs.key")).PublicKey);
    }

    private static (string Public, string? Secret) PyzmqRules(string path)
    {
        string? publicKey = null, secretKey = null;
        foreach (var raw in File.ReadAllLines(path, Encoding.UTF8))
        {
            var line = raw.Trim();
            if (line.StartsWith('#')) continue;
            if (line.StartsWith("public-key", StringComparison.Ordinal)) publicKey = line.Split('=', 2)[1].Trim(' ', '\t', '\'', '"');
            if (line.StartsWith("secret-key", StringComparison.Ordinal)) secretKey = line.Split('=', 2)[1].Trim(' ', '\t', '\'', '"');
        }
        return (publicKey!, secretKey);
    }
}
