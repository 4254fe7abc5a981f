using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetGearSharp.Logging;
using NetGearSharp.TestSupport;
using NetGearSharp.Transport;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// The once-per-process line that says which transport <see cref="TransportKind.Auto"/> chose goes to the first logger
/// enabled for it: a client or server made without a logger used it up, and the application's own logger never saw it.
/// Each test has a line of its own, so the order the tests run in (and the process's line) does not matter.
/// </summary>
public class AutoChoiceLogTests
{
    [Fact]
    public void A_client_without_a_logger_leaves_the_line_for_the_next_logger()
    {
        var line = new OnceLine();
        TransportSelection.Resolve(TransportKind.Auto, null, NullLogger.Instance, line);
        Assert.False(line.Said);

        var logs = new CollectingLoggerFactory();
        TransportSelection.Resolve(TransportKind.Auto, null, logs.CreateLogger("app"), line);
        Assert.Contains("Transport Auto: using", Assert.Single(logs.Lines));

        var later = new CollectingLoggerFactory();
        TransportSelection.Resolve(TransportKind.Auto, null, later.CreateLogger("app"), line);
        Assert.Empty(later.Lines); // once
    }

    [Fact]
    public void A_logger_not_enabled_for_the_line_s_level_does_not_use_it_up()
    {
        var line = new OnceLine();
        var errorsOnly = new LevelLogger(LogLevel.Error);
        TransportSelection.Resolve(TransportKind.Auto, null, errorsOnly, line);
        Assert.Equal(0, errorsOnly.Written);
        Assert.False(line.Said);

        var logs = new CollectingLoggerFactory();
        TransportSelection.Resolve(TransportKind.Auto, null, logs.CreateLogger("app"), line);
        Assert.Single(logs.Lines);
        Assert.True(line.Said);
    }

    private sealed class LevelLogger(LogLevel minimum) : ILogger
    {
        public int Written { get; private set; }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Written++;
    }
}
