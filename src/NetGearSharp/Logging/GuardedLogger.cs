using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NetGearSharp.Logging;

/// <summary>
/// The application's logger with its failures kept to itself: the library logs from its receive, decode, send and
/// event threads, often inside a <c>catch</c>, where a logger that throws (a provider that failed, xunit's output helper
/// after its test) would end the thread, or the process, and with it every server's frames and events. What such a
/// logger throws is dropped, with the line it failed to write.
/// </summary>
internal sealed class GuardedLogger(ILogger inner) : ILogger
{
    /// <summary>A guarded logger of category <typeparamref name="T"/> from the application's factory, or none.</summary>
    public static ILogger For<T>(ILoggerFactory? factory)
        => factory is null ? NullLogger.Instance : new GuardedLogger(factory.CreateLogger<T>());

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        try
        {
            return inner.BeginScope(state);
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel)
    {
        try
        {
            return inner.IsEnabled(logLevel);
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        catch (Exception)
        {
            // The application's logger failed: the line is lost, the stream goes on.
        }
    }
}
