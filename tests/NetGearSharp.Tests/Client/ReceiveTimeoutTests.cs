using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Client;

/// <summary>
/// The timeouts <see cref="NetGearClient.Receive"/> and <see cref="NetGearClient.ReceiveAsync"/> take: any length
/// waits (one longer than a timer can, <see cref="TimeSpan.MaxValue"/> included, until the token ends it), and a
/// negative one other than <see cref="Timeout.InfiniteTimeSpan"/> is refused, naming it.
/// </summary>
public sealed class ReceiveTimeoutTests
{
    private static NetGearClient Start()
        => new(new NetGearClientOptions { Ports = [5001], CustomTransport = new InMemoryTransport(), AutoExit = false });

    public static TheoryData<TimeSpan> LongTimeouts => new() { TimeSpan.FromDays(50), TimeSpan.FromDays(365), TimeSpan.MaxValue, Timeout.InfiniteTimeSpan };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LongTimeouts))]
    public async Task ReceiveAsync_waits_out_a_timeout_longer_than_a_timer_can_until_the_token_ends_it(TimeSpan timeout)
    {
        await using var client = Start();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var wait = client.ReceiveAsync(timeout, cancel.Token).AsTask();
        await Task.Delay(100);
        Assert.False(wait.IsCompleted, $"ReceiveAsync({timeout}) ended before its token: {wait.Exception?.InnerException?.Message ?? wait.Status.ToString()}");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LongTimeouts))]
    public async Task Receive_waits_out_a_timeout_longer_than_a_timer_can_until_the_token_ends_it(TimeSpan timeout)
    {
        await using var client = Start();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = Environment.TickCount64;
        Assert.ThrowsAny<OperationCanceledException>(() => client.Receive(timeout, cancel.Token));
        Assert.True(Environment.TickCount64 - started >= 250, $"Receive({timeout}) returned before its token was cancelled");
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(-2)]
    public async Task A_negative_timeout_is_refused_naming_it(int milliseconds)
    {
        await using var client = Start();
        var timeout = TimeSpan.FromMilliseconds(milliseconds);
        var sync = Assert.Throws<ArgumentOutOfRangeException>(() => client.Receive(timeout));
        var async = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await client.ReceiveAsync(timeout));
        foreach (var error in new[] { sync, async })
        {
            Assert.Equal("timeout", error.ParamName);
            Assert.Contains(timeout.ToString(), error.Message);
            Assert.Contains("Timeout.InfiniteTimeSpan", error.Message);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Receive(TimeSpan.MinValue));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_zero_timeout_returns_at_once_without_a_packet()
    {
        await using var client = Start();
        Assert.Null(client.Receive(TimeSpan.Zero));
        Assert.Null(await client.ReceiveAsync(TimeSpan.Zero));
    }
}
