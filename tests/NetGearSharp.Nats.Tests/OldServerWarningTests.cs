using NetGearSharp.Nats.Connection;
using NetGearSharp.Nats.Tests.Support;
using NetGearSharp.TestSupport;

namespace NetGearSharp.Nats.Tests;

/// <summary>
/// Before nats-server 2.10 a queue worker's consumer of the state events cannot be filtered on the server: it receives
/// the whole stream. The worker says so once, with what to do.
/// </summary>
public sealed class OldServerWarningTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_JetStream_queue_worker_on_a_server_before_2_10_warns_once_that_it_downloads_the_whole_stream()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        using var nats = await NatsServerProcess.StartAsync(jetStream: true); // Debian's nats-server: 2.9
        var prefix = "old" + Guid.NewGuid().ToString("N")[..8];
        await using (await NatsForwarder.ConnectAsync(new NatsForwarderOptions
        {
            Urls = [nats.Url], Prefix = prefix, JetStream = new NatsJetStreamOptions(),
        }, timeout.Token))
        {
        }

        using var queueLog = new CollectingLoggerFactory();
        await using (var worker = await NatsPacketSource.ConnectAsync(new NatsSourceOptions
        {
            Urls = [nats.Url], Prefix = prefix, QueueGroup = "detect", LoggerFactory = queueLog,
            JetStream = new NatsSourceJetStreamOptions(),
        }, timeout.Token))
        {
            await Task.Delay(500, timeout.Token);
        }
        List<string> warnings;
        lock (queueLog.Lines) warnings = queueLog.Lines.Where(l => l.Contains("Upgrade to nats-server 2.10 or later", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains(" Warning ", warning);
        Assert.Contains("nats-server 2.9.", warning);
        Assert.Contains("receives every frame of stream 'NETGEAR_" + prefix.ToUpperInvariant() + "'", warning);
        Assert.Contains("group 'detect' downloads the whole stream", warning);

        // A worker without a queue group reads the stream with one consumer of every subject: nothing to say.
        using var plainLog = new CollectingLoggerFactory();
        await using (await NatsPacketSource.ConnectAsync(new NatsSourceOptions
        {
            Urls = [nats.Url], Prefix = prefix, LoggerFactory = plainLog, JetStream = new NatsSourceJetStreamOptions(),
        }, timeout.Token))
        {
            await Task.Delay(500, timeout.Token);
        }
        lock (plainLog.Lines) Assert.DoesNotContain(plainLog.Lines, l => l.Contains("nats-server 2.10", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2.9.10", true)]
    [InlineData("v2.9.25", true)]
    [InlineData("1.4.1", true)]
    [InlineData("2.10.0", false)]
    [InlineData("2.10.0-beta.1", false)]
    [InlineData("2.11.4", false)]
    [InlineData("3.0.0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("unknown", false)]
    public void A_server_version_is_read_as_before_2_10_only_when_it_is(string? version, bool before)
        => Assert.Equal(before, NatsServerVersion.IsBefore(version, 2, 10));
}
