using Microsoft.Extensions.Logging;

namespace NetGearSharp.Security.Tests.Support;

/// <summary>A logger factory that collects lines for assertions.</summary>
public sealed class CollectingLoggerFactory : ILoggerFactory
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return _lines.ToArray();
        }
    }

    public string Text => string.Join(Environment.NewLine, Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }

    private void Write(string line)
    {
        lock (_lines) _lines.Add(line);
    }

    private sealed class Logger(CollectingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Write($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.Message)}");
    }
}
