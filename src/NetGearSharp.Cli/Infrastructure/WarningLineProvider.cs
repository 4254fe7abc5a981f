using Microsoft.Extensions.Logging;

namespace NetGearSharp.Cli;

/// <summary>
/// Without <c>--verbose</c>: each warning or error the library logs becomes one line on stderr, prefixed as the
/// tool's own messages are (<c>netgear serve: warning: No reply from the client ...; reconnecting, attempt 1 of 3</c>),
/// with an exception's message but never its stack trace. Lower levels are dropped.
/// </summary>
internal sealed class WarningLineProvider(string prefix, WarningLines lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new WarningLineLogger(prefix, lines);

    public void Dispose()
    {
    }
}
