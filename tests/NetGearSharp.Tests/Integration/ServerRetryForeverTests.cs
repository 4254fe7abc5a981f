using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NetGearSharp.Tests.Support;

namespace NetGearSharp.Tests.Integration;

/// <summary>
/// <see cref="NetGearServerOptions.RetryForever"/>: a Request/Reply server whose client is away for many request
/// timeouts does not give up; its frame reaches the client that comes back on the port. Its retries are warned spaced
/// out (the 1st, 2nd, 4th, 8th, ...; the others at Debug level), and the client's return is said.
/// </summary>
public sealed class ServerRetryForeverTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TestTransports.All), MemberType = typeof(TestTransports))]
    public async Task A_server_retrying_for_ever_delivers_its_frame_to_the_client_that_comes_back(TransportKind transport)
    {
        var port = FreePorts.One();
        var log = new WarningLog();
        var first = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = transport, AutoExit = false });
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = NetGearServerOptions.RetryForever,
            Transport = transport, LoggerFactory = log,
        });
        using var frame = TestFrames.Numbered(0, 0);
        await Task.Factory.StartNew(() => server.Send(frame), TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(20));
        await first.DisposeAsync(); // gone; 12 or more request timeouts before the next one comes

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var sending = Task.Factory.StartNew(() => server.Send(frame, cancellationToken: stop.Token), TaskCreationOptions.LongRunning);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(sending.IsCompleted, sending.Exception?.ToString() ?? "Send ended while no client was there");

        await using var second = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = [port], Transport = transport, AutoExit = false });
        await sending.WaitAsync(TimeSpan.FromSeconds(20));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (second.GetServer(port)!.Frames < 1) await Task.Delay(20, deadline.Token);

        var attempts = log.Lines.Where(l => l.StartsWith("No reply", StringComparison.Ordinal)).ToList();
        Assert.Contains(attempts, l => l.Contains("attempt 1 (", StringComparison.Ordinal) && l.Contains("retrying until it answers", StringComparison.Ordinal));
        Assert.Contains(attempts, l => l.Contains("attempt 8 (", StringComparison.Ordinal));
        Assert.DoesNotContain(attempts, l => l.Contains("attempt 3 (", StringComparison.Ordinal) || l.Contains("attempt 5 (", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.StartsWith($"The client at tcp://127.0.0.1:{port} answers again", StringComparison.Ordinal));
    }

    /// <summary>Keeps the warnings' messages.</summary>
    private sealed class WarningLog : ILoggerFactory, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Lines.Enqueue(formatter(state, exception));
        }
    }
}
