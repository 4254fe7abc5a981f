using Microsoft.Extensions.Logging;

namespace NetGearSharp.Cli;

/// <summary>
/// The tool's logging, on stderr (never stdout, which may carry JSON): the library's warnings and errors always, one
/// line each (<see cref="WarningLineProvider"/>), but not NATS.Net's own; with <c>--verbose</c> the whole log from Debug
/// level up.
/// </summary>
internal static class Logging
{
    /// <summary>The categories of NATS.Net's loggers (<c>NATS.Client.Core.NatsConnection</c>, ...).</summary>
    internal const string NatsClientCategory = "NATS.Client";

    /// <summary>
    /// A console logger on stderr at Debug level when <paramref name="verbose"/>; otherwise the library's warnings and
    /// errors as lines that start like the tool's own (<c>netgear &lt;command&gt;: warning: ...</c>).
    /// </summary>
    /// <param name="verbose">Whether <c>--verbose</c> was given.</param>
    /// <param name="command">The command's path below <c>netgear</c> (<c>view</c>, <c>keys show</c>), for the lines' prefix.</param>
    /// <param name="lines">Where the warning lines go (without <paramref name="verbose"/>).</param>
    public static ILoggerFactory Create(bool verbose, string command, WarningLines lines)
    {
        if (!verbose)
        {
            return LoggerFactory.Create(builder => builder
                .SetMinimumLevel(LogLevel.Warning)
                // NATS.Net's own lines ("Failed to connect NATS ... [n]" at every reconnect, "Consumer loop exited") say
                // in its words what the tool's own lines say already (the link lost and back, a connect that failed and
                // why): shown with --verbose only.
                .AddFilter(NatsClientCategory, LogLevel.None)
                .AddProvider(new WarningLineProvider($"netgear {command}", lines)));
        }
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Debug)
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
    }
}
