using Microsoft.Extensions.Logging;

namespace NetGearSharp.TestPeer;

/// <summary>The library's warnings and errors as <c>LOG ms Level message</c> lines, for tests that check what a client reported.</summary>
internal sealed class OutputLogger : ILogger, ILoggerFactory
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) Output.Line("LOG", logLevel, formatter(state, exception).ReplaceLineEndings(" "));
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    /// <summary>A logger factory whose every logger writes such lines.</summary>
    public static ILoggerFactory Factory() => new OutputLogger();
}
