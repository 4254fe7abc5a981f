using System.CommandLine;

namespace NetGearSharp.Cli;

/// <summary>Builds the <c>netgear</c> command tree and runs it.</summary>
internal static class NetgearApp
{
    /// <summary>
    /// The sub-commands, in help order. A new command (e.g. <c>bench</c>) is one class implementing
    /// <see cref="ICliCommand"/> in <c>Commands/</c> plus one line here.
    /// </summary>
    private static ICliCommand[] Commands() =>
    [
        new Commands.ServeCommand(),
        new Commands.ViewCommand(),
        new Commands.DemoCommand(),
        new Commands.BenchCommand(),
        new Commands.KeysCommand(),
    ];

    /// <summary>Builds the root command with every sub-command and the global <c>--verbose</c> option.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("netgear: stream video frames with JSON messages from many servers to one client (VidGear NetGear compatible).\n\n"
            + NetGearSharp.Bench.ToolEnvironment.HelpText);
        root.Options.Add(GlobalOptions.Verbose);
        foreach (var command in Commands()) root.Subcommands.Add(command.Build());
        HelpExamples.AddTo(root);
        return root;
    }

    /// <summary>Parses and runs; returns the exit code: 0 normal end, 1 runtime failure, 2 bad arguments.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // The tool owns its process: it opts in to the library's process-wide tuning (and reads its environment variables).
        NetGearSharp.Bench.ToolEnvironment.Apply();
        // The benchmark's child server processes: their arguments belong to the benchmark engine, not to this parser.
        if (args.Length > 0 && args[0] == NetGearSharp.Cli.Commands.BenchCommand.ServerVerb)
            return await NetGearSharp.Bench.BenchServerProcess.RunAsync(args[1..]).ConfigureAwait(false);
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && !HelpExamples.IsHelp(parse))
        {
            var prefix = ParseErrors.Prefix(parse);
            foreach (var error in ParseErrors.Shown(parse)) Console.Error.WriteLine($"{prefix}: {ParseErrors.Sentence(ParseErrorText.Friendly(error.Message, name => ParseErrors.Placeholder(parse, name)))}");
            Console.Error.WriteLine($"Run '{prefix} --help' for the options and examples.");
            return ExitCodes.BadArguments;
        }
        // Ctrl+C and SIGTERM are handled by each command (ShutdownSignal) so that servers can say goodbye.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }
}
