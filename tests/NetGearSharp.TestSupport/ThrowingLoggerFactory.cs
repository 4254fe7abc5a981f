using Microsoft.Extensions.Logging;

namespace NetGearSharp.TestSupport;

/// <summary>
/// An application's logger that fails on every call (a provider that broke; xunit's output helper after its test):
/// each line and scope throws <see cref="IOException"/>. <see cref="Calls"/> counts the lines it was given.
/// </summary>
public sealed class ThrowingLoggerFactory : ILoggerFactory
{
    private int _calls;

    /// <summary>How many lines the loggers were asked to write (each threw).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public ILogger CreateLogger(string categoryName) => new ThrowingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class ThrowingLogger(ThrowingLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => throw new IOException("the log's provider failed");

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Interlocked.Increment(ref factory._calls);
            throw new IOException("the log's provider failed");
        }
    }
}
