namespace NetGearSharp.Nats.Tests;

/// <summary>What the tool shows of a NATS URL (never its secret), and how much a JetStream pull asks for.</summary>
public sealed class UrlAndPullTests
{
    [Theory]
    [InlineData("nats://alice:s3cret@127.0.0.1:4222", "nats://alice:***@127.0.0.1:4222")]
    [InlineData("nats://t0ken@127.0.0.1:4222", "nats://***@127.0.0.1:4222")] // user-info without a colon: a token
    [InlineData("tls://bob:p@ss@[::1]:4222", "tls://bob:***@[::1]:4222")]
    [InlineData("nats://127.0.0.1:4222", "nats://127.0.0.1:4222")]
    [InlineData("not a url", "not a url")]
    public void A_secret_in_a_url_is_never_shown(string url, string shown) => Assert.Equal(shown, NatsUrlText.Redacted(url));

    [Theory]
    [InlineData(1L << 20, 16L << 20)]  // the default max_payload: 16 MB
    [InlineData(16L << 20, 32L << 20)] // twice a large max_payload
    [InlineData(40L << 20, 48L << 20)] // at most 48 MB, under the 64 MB a server lets wait for a client
    [InlineData(60L << 20, 60L << 20)] // never less than one message
    public void A_pull_asks_for_twice_the_largest_message_within_what_a_server_lets_wait(long maxPayload, long bytes)
        => Assert.Equal(bytes, NatsPacketSource.PullBytes(maxPayload));

    [Fact]
    public void A_stream_kept_for_less_than_the_publish_retry_is_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => new NatsJetStreamOptions { MaxAge = TimeSpan.FromSeconds(5) }.Validate());
        Assert.Equal("MaxAge", error.ParamName);
        Assert.Contains("PublishRetryFor", error.Message);
        new NatsJetStreamOptions { MaxAge = TimeSpan.FromSeconds(30) }.Validate();
        new NatsJetStreamOptions { MaxAge = TimeSpan.Zero }.Validate();
    }
}
