namespace NetGearSharp.Cli;

/// <summary>What a running command gets besides its settings.</summary>
/// <param name="Verbose">Whether <c>--verbose</c> was given.</param>
/// <param name="LoggerFactory">Where the library logs: stderr, its warnings and errors only unless <c>--verbose</c> was given.</param>
/// <param name="Cancellation">Cancelled by Ctrl+C or SIGTERM.</param>
internal sealed record RunContext(bool Verbose, Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory, CancellationToken Cancellation)
{
    /// <summary>Where the library's warning lines go (a live table routes them into its notes); null in tests that make a context themselves.</summary>
    public WarningLines? Warnings { get; init; }

    /// <summary>Why <see cref="Cancellation"/> was cancelled, as the summary's last line says it (e.g. <c>stopped by SIGTERM</c>).</summary>
    public Func<string> StopReason { get; init; } = () => "stopped by Ctrl+C (SIGINT)";

    /// <summary>The exit code for a run that <see cref="Cancellation"/> cut short without a result: 128 plus the signal's number (130 for SIGINT).</summary>
    public Func<int> InterruptedExitCode { get; init; } = () => 130;
}
