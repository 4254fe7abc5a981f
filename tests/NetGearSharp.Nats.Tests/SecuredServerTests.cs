using NetGearSharp.Nats.Tests.Support;

namespace NetGearSharp.Nats.Tests;

/// <summary>A secured nats-server: user/password, token, TLS with a private CA. Frames flow with the right settings; wrong ones fail fast and clearly.</summary>
public sealed class SecuredServerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Frames = 20;

    [Fact(Timeout = 120_000)]
    public async Task UserAndPasswordLetTheForwarderAndAWorkerThrough()
    {
        using var nats = await NatsServerProcess.StartAsync(config: "authorization {\n  user: camera\n  password: \"s3cret pass\"\n}\n");
        await AssertFramesFlowAsync(o => o with { UserName = "camera", Password = "s3cret pass" }, nats.Url);
    }

    [Fact(Timeout = 120_000)]
    public async Task ATokenLetsTheForwarderAndAWorkerThrough()
    {
        using var nats = await NatsServerProcess.StartAsync(config: "authorization {\n  token: \"t0ken-42\"\n}\n");
        await AssertFramesFlowAsync(o => o with { Token = "t0ken-42" }, nats.Url);
    }

    [Fact(Timeout = 120_000)]
    public async Task WrongOrMissingCredentialsFailFastNamingTheServerAndTheReason()
    {
        using var nats = await NatsServerProcess.StartAsync(config: "authorization {\n  user: camera\n  password: right\n}\n");
        foreach (var (user, password) in new[] { ("camera", "wrong"), ("nobody", "right") })
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<NetGearException>(() => NatsForwarder.ConnectAsync(new NatsForwarderOptions
            {
                Urls = [nats.Url], UserName = user, Password = password, ConnectTimeout = TimeSpan.FromSeconds(30),
            }));
            output.WriteLine(error.Message);
            Assert.Contains(nats.Url, error.Message);
            Assert.Contains("authorization violation", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed} (the connect timeout is 30 s: it must not wait for it)");
        }
        var none = await Assert.ThrowsAsync<NetGearException>(() => NatsPacketSource.ConnectAsync(new NatsSourceOptions
        {
            Urls = [nats.Url], ConnectTimeout = TimeSpan.FromSeconds(30),
        }));
        Assert.Contains(nats.Url, none.Message);
        Assert.Contains("authorization violation", none.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 180_000)]
    public async Task TlsWithTheTestCaWorks()
    {
        using var certs = await TestCertificates.CreateAsync();
        using var nats = await NatsServerProcess.StartAsync(config: certs.ServerTlsConfig + "authorization {\n  user: camera\n  password: pw\n}\n");
        var url = $"tls://127.0.0.1:{nats.Port}";
        await AssertFramesFlowAsync(o => o with { TlsCaFile = certs.CaFile, UserName = "camera", Password = "pw" }, url);
        // A nats:// URL with the CA file: TLS is required, and it works too.
        await AssertFramesFlowAsync(o => o with { TlsCaFile = certs.CaFile, UserName = "camera", Password = "pw" }, $"nats://localhost:{nats.Port}");
    }

    [Fact(Timeout = 180_000)]
    public async Task TlsWithoutTheCaIsRefusedWithAClearError()
    {
        using var certs = await TestCertificates.CreateAsync();
        using var nats = await NatsServerProcess.StartAsync(config: certs.ServerTlsConfig);
        var url = $"tls://127.0.0.1:{nats.Port}";
        foreach (var ca in new string?[] { null, certs.OtherCaFile })
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<NetGearException>(() => NatsForwarder.ConnectAsync(new NatsForwarderOptions
            {
                Urls = [url], TlsCaFile = ca, ConnectTimeout = TimeSpan.FromSeconds(30),
            }));
            output.WriteLine(error.Message);
            Assert.Contains(url, error.Message);
            Assert.Contains("certificate", error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed} (the connect timeout is 30 s: it must not wait for it)");
        }
    }

    /// <summary>A forwarder and a worker, both with the given link settings, carry two cameras' frames.</summary>
    private static async Task AssertFramesFlowAsync(Func<NatsLinkOptionsPair, NatsLinkOptionsPair> configure, string url)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ports = FreePorts.Take(2);
        var prefix = "sec" + Guid.NewGuid().ToString("N")[..8];
        var pair = configure(new NatsLinkOptionsPair(
            new NatsForwarderOptions { Urls = [url], Prefix = prefix, BufferCapacity = 1000 },
            new NatsSourceOptions { Urls = [url], Prefix = prefix }));
        await using var worker = await NatsPacketSource.ConnectAsync(pair.Source, timeout.Token);
        var collecting = Task.Run(() => Cameras.CollectAsync(worker, timeout.Token));
        await using var client = Cameras.Client(ports);
        await using var forwarder = await NatsForwarder.ConnectAsync(pair.Forwarder, timeout.Token);
        var forwarding = forwarder.ForwardAsync(client, timeout.Token);
        await Cameras.RunAsync(ports, Frames, TimeSpan.FromMilliseconds(5), timeout.Token);
        var stats = await forwarding;
        Assert.Equal(2 * Frames, stats.Published);
        Assert.Equal(2 * Frames, (await collecting).Distinct().Count());
        Assert.Equal(NatsSourceEndReason.AllServersGone, await worker.Completion);
    }

    /// <summary>The same link settings applied to a forwarder's and a source's options.</summary>
    private sealed record NatsLinkOptionsPair(NatsForwarderOptions Forwarder, NatsSourceOptions Source)
    {
        public string? UserName { init { Forwarder = Forwarder with { UserName = value }; Source = Source with { UserName = value }; } }
        public string? Password { init { Forwarder = Forwarder with { Password = value }; Source = Source with { Password = value }; } }
        public string? Token { init { Forwarder = Forwarder with { Token = value }; Source = Source with { Token = value }; } }
        public string? TlsCaFile { init { Forwarder = Forwarder with { TlsCaFile = value }; Source = Source with { TlsCaFile = value }; } }
    }
}
