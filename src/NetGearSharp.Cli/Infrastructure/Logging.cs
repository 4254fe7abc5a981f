using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NetGearSharp.Cli;

/// <summary>The tool's logging: with <c>--verbose</c> the library's log goes to stderr (never stdout, which may carry JSON).</summary>
internal static class Logging
{
    /// <summary>A console logger on stderr at Debug level when <paramref name="verbose"/>, otherwise a logger that drops everything.</summary>
    public static ILoggerFactory Create(bool verbose)
    {
        if (!verbose) return NullLoggerFactory.Instance;
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Debug)
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
    }
}
