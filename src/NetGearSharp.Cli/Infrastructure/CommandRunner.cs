using System.CommandLine;

namespace NetGearSharp.Cli;

/// <summary>
/// Runs a command's action with the tool's error policy: bad arguments give exit code 2 and a message naming the
/// argument; any other failure gives exit code 1 and a one-line reason (the stack trace only with <c>--verbose</c>).
/// Ctrl+C and SIGTERM cancel the token the action gets.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Wires <paramref name="run"/> as the command's action, after <paramref name="parse"/> has checked the arguments.</summary>
    public static void SetAction<TSettings>(Command command, Func<ParseResult, TSettings> parse, Func<TSettings, RunContext, Task<int>> run)
    {
        command.SetAction(async (result, _) =>
        {
            var verbose = result.GetValue(GlobalOptions.Verbose);
            var prefix = ParseErrors.Prefix(result); // the whole path: netgear keys show
            TSettings settings;
            try
            {
                settings = parse(result);
            }
            catch (UsageException ex)
            {
                Console.Error.WriteLine($"{prefix}: {ex.Message}");
                // As for the parser's own errors (NetgearApp): where to read what is allowed.
                Console.Error.WriteLine($"Run '{prefix} --help' for the options and examples.");
                return ExitCodes.BadArguments;
            }
            OpenCvLogging.Configure(verbose);
            using var signal = new ShutdownSignal();
            var warnings = new WarningLines(Console.Error);
            using var logging = Logging.Create(verbose, ParseErrors.CommandPath(result), warnings);
            try
            {
                var context = new RunContext(verbose, logging, signal.Token)
                {
                    Warnings = warnings,
                    StopReason = () => $"stopped by {signal.Name}",
                    InterruptedExitCode = () => signal.ExitCode,
                };
                try
                {
                    return await run(settings, context).ConfigureAwait(false);
                }
                finally
                {
                    warnings.Flush(); // a count of repeats no later line said
                }
            }
            catch (UsageException ex)
            {
                // Found once running (a --web port in use, an option the library refuses): said as a parse error is.
                Console.Error.WriteLine($"{prefix}: {ex.Message}");
                Console.Error.WriteLine($"Run '{prefix} --help' for the options and examples.");
                return ExitCodes.BadArguments;
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (NetGearSharp.Security.CertificateException ex)
            {
                // A key file the user named, or the folder of --keys holds: an argument to fix, as a parse error is.
                Console.Error.WriteLine($"{prefix}: {ParseErrors.Sentence(ErrorText.OneLine(ex))}");
                Console.Error.WriteLine($"Run '{prefix} --help' for the options and examples.");
                return ExitCodes.BadArguments;
            }
            catch (PortInUseException ex)
            {
                var hint = command.Options.Any(o => o.Name == "--ports") ? "; choose another with --ports" : "";
                Console.Error.WriteLine($"{prefix}: port {ex.Port} is already in use (another program is bound to it){hint}");
                if (verbose) Console.Error.WriteLine(ex);
                return ExitCodes.Failure;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"{prefix}: {ParseErrors.Sentence(ErrorText.OneLine(ex))}");
                if (verbose) Console.Error.WriteLine(ex);
                return ExitCodes.Failure;
            }
        });
    }
}
