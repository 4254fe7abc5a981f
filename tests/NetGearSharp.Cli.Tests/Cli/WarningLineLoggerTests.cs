using Microsoft.Extensions.Logging;

namespace NetGearSharp.Cli.Tests.Cli;

/// <summary>The tool's default logging: warnings and errors as one prefixed line each, lower levels dropped.</summary>
public sealed class WarningLineLoggerTests
{
    [Fact]
    public void Warnings_and_errors_are_one_prefixed_line_each_with_the_exceptions_message_and_no_stack_trace()
    {
        var writer = new StringWriter();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(new WarningLineProvider("netgear view", new WarningLines(writer)))))
        {
            var logger = factory.CreateLogger("NetGearSharp.Test");
            logger.LogInformation("not shown");
            logger.LogDebug("not shown either");
            logger.LogWarning("Port {Port}: two\nlines", 5566);
            logger.LogError(new InvalidOperationException("the cause"), "The receive loop failed");
            logger.LogCritical(new InvalidOperationException("said already"), "Failed: said already");
        }
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "netgear view: warning: Port 5566: two lines",
            "netgear view: error: The receive loop failed: the cause",
            "netgear view: error: Failed: said already",
        ], lines);
    }

    [Fact]
    public void Verbose_logging_keeps_debug_messages()
    {
        using var factory = Logging.Create(verbose: true, "view", new WarningLines(TextWriter.Null));
        Assert.True(factory.CreateLogger("x").IsEnabled(LogLevel.Debug));
        using var quiet = Logging.Create(verbose: false, "view", new WarningLines(TextWriter.Null));
        Assert.False(quiet.CreateLogger("x").IsEnabled(LogLevel.Information));
        Assert.True(quiet.CreateLogger("x").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void While_routed_the_lines_go_to_the_route_and_after_it_to_stderr_again()
    {
        var stderr = new StringWriter();
        var lines = new WarningLines(stderr);
        var noted = new List<string>();
        using (lines.RouteTo(noted.Add)) lines.Write("into the live table's notes");
        lines.Write("past it, on stderr");
        Assert.Equal(["into the live table's notes"], noted);
        Assert.Equal("past it, on stderr" + Environment.NewLine, stderr.ToString());
    }
}
