using Microsoft.Extensions.Logging;

namespace NetGearSharp.Logging;

/// <summary>
/// A line said once: to the first logger that is enabled for its level, not to the first one asked. A client or server
/// made without a logger (the null logger, enabled for nothing) does not use up a line that the application's own logger,
/// given to the next one, should see.
/// </summary>
internal sealed class OnceLine
{
    private int _said;

    /// <summary>Whether the line was written.</summary>
    public bool Said => Volatile.Read(ref _said) == 1;

    /// <summary>
    /// Calls <paramref name="write"/> with <paramref name="logger"/> when the line is not said yet and the logger is enabled
    /// for <paramref name="level"/>; only then is the line marked said. Returns whether it wrote.
    /// </summary>
    public bool TryWrite(ILogger logger, LogLevel level, Action<ILogger> write)
    {
        if (Volatile.Read(ref _said) == 1 || !logger.IsEnabled(level)) return false;
        if (Interlocked.Exchange(ref _said, 1) == 1) return false;
        write(logger);
        return true;
    }
}
