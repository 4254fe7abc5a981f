using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NetGearSharp.Logging;

/// <summary>
/// The application's logger factory handed to a library of ours uses (NATS.Net), with every logger it makes a
/// <see cref="GuardedLogger"/>: that library logs from its own reading and reconnecting loops, where a logger that
/// throws could end the loop. The factory itself stays the application's (not disposed here).
/// </summary>
internal sealed class GuardedLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>A guarded view of the application's factory, or the null factory when there is none.</summary>
    public static ILoggerFactory For(ILoggerFactory? factory) => factory is null ? NullLoggerFactory.Instance : new GuardedLoggerFactory(factory);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName)
    {
        try
        {
            return new GuardedLogger(inner.CreateLogger(categoryName));
        }
        catch (Exception)
        {
            return NullLogger.Instance;
        }
    }

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>Nothing: the factory is the application's to dispose.</summary>
    public void Dispose()
    {
    }
}
