using Microsoft.Extensions.Logging;

namespace NetGearSharp.Cli;

/// <summary>Writes warnings and errors as single lines: see <see cref="WarningLineProvider"/>.</summary>
internal sealed class WarningLineLogger(string prefix, WarningLines lines) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Warning and < LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel)) return;
        var message = formatter(state, exception);
        if (exception is not null && !message.Contains(exception.Message, StringComparison.Ordinal))
            message = $"{message}: {exception.Message}";
        message = ToolWords.For(message);
        var level = logLevel == LogLevel.Warning ? "warning" : "error";
        lines.Write($"{prefix}: {level}: {message.ReplaceLineEndings(" ")}");
    }
}
