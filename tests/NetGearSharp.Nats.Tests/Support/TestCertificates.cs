using System.Diagnostics;

namespace NetGearSharp.Nats.Tests.Support;

/// <summary>
/// A private CA and a server certificate for 127.0.0.1 and localhost, made by the real <c>openssl</c> tool in a
/// temporary directory (deleted on dispose).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>The CA's certificate (PEM): what a client trusts.</summary>
    public string CaFile => Path.Combine(Directory, "ca.pem");

    /// <summary>The server's certificate (PEM), signed by the CA, for IP 127.0.0.1 and DNS localhost.</summary>
    public string ServerCertFile => Path.Combine(Directory, "server.pem");

    /// <summary>The server's private key (PEM).</summary>
    public string ServerKeyFile => Path.Combine(Directory, "server.key");

    /// <summary>A second, unrelated CA (PEM): trusting it must not make the server's certificate trusted.</summary>
    public string OtherCaFile => Path.Combine(Directory, "other-ca.pem");

    /// <summary>The nats-server configuration lines for TLS with these files.</summary>
    public string ServerTlsConfig => $"tls {{\n  cert_file: \"{ServerCertFile}\"\n  key_file: \"{ServerKeyFile}\"\n  timeout: 5\n}}\n";

    public static async Task<TestCertificates> CreateAsync()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("ngs-nats-tls-").FullName;
        var certs = new TestCertificates(dir);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
            await OpenSslAsync(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=NetGearSharp test CA");
            await OpenSslAsync(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=Some other CA");
            await OpenSslAsync(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
            await OpenSslAsync(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext");
            return certs;
        }
        catch
        {
            certs.Dispose();
            throw;
        }
    }

    private static async Task OpenSslAsync(string directory, params string[] args)
    {
        var info = new ProcessStartInfo("openssl") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("openssl did not start (is it installed? apt-get install openssl)");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"openssl {string.Join(" ", args)} took more than 60 s");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"openssl {string.Join(" ", args)} failed ({process.ExitCode}): {await stderr}");
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
