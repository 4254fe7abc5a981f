namespace NetGearSharp.Nats.Tests;

/// <summary>Bad options fail at once with a message naming the value and what is allowed (no NATS server needed).</summary>
public sealed class OptionsTests
{
    public static TheoryData<NatsForwarderOptions, string> BadForwarders => new()
    {
        { new NatsForwarderOptions { Urls = [] }, "at least one NATS server URL" },
        { new NatsForwarderOptions { Urls = ["http://localhost:4222"] }, "'http://localhost:4222' is invalid" },
        { new NatsForwarderOptions { Prefix = "cams.*" }, "'cams.*' is not a valid subject prefix" },
        { new NatsForwarderOptions { Prefix = "a..b" }, "'a..b' is not a valid subject prefix" },
        { new NatsForwarderOptions { Prefix = " " }, "give a subject prefix" },
        { new NatsForwarderOptions { BufferCapacity = 0 }, "BufferCapacity 0 is out of range" },
        { new NatsForwarderOptions { JpegQuality = 101 }, "JpegQuality 101 is out of range" },
        { new NatsForwarderOptions { CredentialsFile = "/no/such/file.creds" }, "'/no/such/file.creds' does not exist" },
        { new NatsForwarderOptions { Password = "pw" }, "Password is given without UserName" },
        { new NatsForwarderOptions { UserName = "" }, "UserName is empty" },
        { new NatsForwarderOptions { UserName = "u", Token = "t" }, "Token and UserName are both given" },
        { new NatsForwarderOptions { Token = "" }, "Token is empty" },
        { new NatsForwarderOptions { TlsCaFile = "/no/such/ca.pem" }, "TlsCaFile '/no/such/ca.pem' does not exist" },
        { new NatsForwarderOptions { TlsCertFile = "/no/such/cert.pem" }, "TlsCertFile '/no/such/cert.pem' does not exist" },
        { new NatsForwarderOptions { TlsKeyFile = typeof(OptionsTests).Assembly.Location }, "TlsCertFile and TlsKeyFile go together" },
        { new NatsForwarderOptions { JetStream = new NatsJetStreamOptions { Replicas = 7 } }, "Replicas 7 is out of range" },
        { new NatsForwarderOptions { JetStream = new NatsJetStreamOptions { PublishRetryFor = TimeSpan.FromSeconds(-1) } }, "PublishRetryFor -00:00:01 is negative" },
        { new NatsForwarderOptions { JetStream = new NatsJetStreamOptions { PublishRetryFor = TimeSpan.FromMinutes(5) } }, "must be positive and at least PublishRetryFor" },
        { new NatsForwarderOptions { JetStream = new NatsJetStreamOptions { StreamName = "a.b" } }, "stream name 'a.b' is invalid" },
        // An infinite time is named as such, not as "-00:00:00.0010000 is negative".
        { new NatsForwarderOptions { ConnectTimeout = Timeout.InfiniteTimeSpan }, "ConnectTimeout cannot be infinite" },
        { new NatsForwarderOptions { FlushTimeout = Timeout.InfiniteTimeSpan }, "FlushTimeout cannot be infinite" },
        { new NatsForwarderOptions { JetStream = new NatsJetStreamOptions { MaxAge = Timeout.InfiniteTimeSpan } }, "MaxAge cannot be infinite" },
        { new NatsForwarderOptions { JetStream = new NatsJetStreamOptions { PublishRetryFor = Timeout.InfiniteTimeSpan } }, "PublishRetryFor cannot be infinite" },
        { new NatsForwarderOptions { JetStream = new NatsJetStreamOptions { DuplicateWindow = Timeout.InfiniteTimeSpan } }, "DuplicateWindow cannot be infinite" },
    };

    [Theory]
    [MemberData(nameof(BadForwarders))]
    public async Task BadForwarderOptionsAreRefusedBeforeConnecting(NatsForwarderOptions options, string message)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => NatsForwarder.ConnectAsync(options));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("two words", "QueueGroup 'two words' is invalid")]
    [InlineData("a.b", "QueueGroup 'a.b' is invalid")]
    public async Task BadQueueGroupIsRefused(string queue, string message)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => NatsPacketSource.ConnectAsync(new NatsSourceOptions { QueueGroup = queue }));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task AnInfiniteEndGraceIsRefusedByName()
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => NatsPacketSource.ConnectAsync(new NatsSourceOptions { EndGrace = Timeout.InfiniteTimeSpan }));
        Assert.Contains("EndGrace cannot be infinite", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task NoServerGivesAClearErrorNamingTheUrls()
    {
        var port = FreePorts.One();
        var error = await Assert.ThrowsAsync<NetGearException>(() => NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [$"nats://127.0.0.1:{port}"], ConnectTimeout = TimeSpan.FromSeconds(2),
        }));
        Assert.Contains($"nats://127.0.0.1:{port}", error.Message);
    }
}
