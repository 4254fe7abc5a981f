using Microsoft.Extensions.Logging;

namespace NetGearSharp.TestSupport;

/// <summary>A minimal logger factory that collects lines (and optionally writes them to a file) for assertions and debugging.</summary>
public sealed class CollectingLoggerFactory : ILoggerFactory
{
    private readonly string? _path;
    public List<string> Lines { get; } = [];
    /// <summary>The same lines with their category, level and event id (locked with <see cref="Lines"/>).</summary>
    public List<LoggedEvent> Events { get; } = [];

    public CollectingLoggerFactory(string? path = null) => _path = path;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }

    private void Write(string line, LoggedEvent logged)
    {
        lock (Lines)
        {
            Lines.Add(line);
            Events.Add(logged);
            if (_path is not null) File.AppendAllText(_path, line + Environment.NewLine);
        }
    }

    private sealed class Logger(CollectingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner.Write($"{DateTime.UtcNow:HH:mm:ss.fff} [{Environment.CurrentManagedThreadId}{(Thread.CurrentThread.IsThreadPoolThread ? " pool" : "")}] {logLevel} {category}: {message}{(exception is null ? "" : " " + exception)}",
                new LoggedEvent(category, logLevel, eventId, message));
        }
    }
}
