using System.CommandLine;
using System.CommandLine.Help;

namespace NetGearSharp.Cli;

/// <summary>The examples section at the end of each command's <c>--help</c> (the same examples as docs/cli.md).</summary>
internal static class HelpExamples
{
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["netgear"] =
        [
            "netgear demo                                     # 4 test servers and a viewer, 10 s",
            "netgear view --ports 5566,5567                   # the client: receive from two servers",
            "netgear serve --port 5566 --source camera:0      # a server: send camera 0 to the client",
        ],
        ["serve"] =
        [
            "netgear serve --port 5566                                        # test pattern to 127.0.0.1:5566, 30 fps",
            "netgear serve --port 5567 --address 192.168.1.10 --source camera:0 --jpeg",
            "netgear serve --port 5568 --source clip.mp4 --loop --message '{\"camera\":\"door\"}'",
            "netgear serve --port 5566 --size 320x240 --fps 10 --frames 100   # 100 small frames, then goodbye",
        ],
        ["view"] =
        [
            "netgear view --ports 5566,5567,5568 --window               # live table and montage window",
            "netgear view --ports 5566,5567 --filter 5567 --summary json > summary.json",
            "netgear view --ports 5566 --pattern pubsub --record recordings --wait-first 30",
        ],
        ["demo"] =
        [
            "netgear demo --servers 8 --seconds 30 --jpeg",
            "netgear demo --seconds 3 --summary json | jq .totalFrames",
        ],
        ["bench"] =
        [
            "netgear bench --servers 8 --seconds 10                     # Request/Reply, raw 640x480 frames",
            "netgear bench --servers 4 --pattern pubsub --jpeg --transport native --json",
        ],
    };

    /// <summary>Adds the examples section to the help of <paramref name="root"/> and every sub-command.</summary>
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption) helpOption.Action = new WithExamples(help);
        }
    }

    /// <summary>Whether the parse asks for help (then missing required options are not errors).</summary>
    public static bool IsHelp(ParseResult parse) => parse?.Action is WithExamples or HelpAction;

    /// <summary>Writes the examples of <paramref name="command"/> (nothing when it has none).</summary>
    public static void Write(Command command, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        var name = command is RootCommand ? "netgear" : command.Name;
        if (!Examples.TryGetValue(name, out var lines)) return;
        output.WriteLine("Examples:");
        foreach (var line in lines) output.WriteLine("  " + line);
        output.WriteLine();
        output.WriteLine("Ports are 1-65535; times are in seconds; sizes are WIDTHxHEIGHT in pixels. More: docs/cli.md.");
        output.WriteLine();
    }

    /// <summary>The standard help, then the examples.</summary>
    private sealed class WithExamples(HelpAction help) : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = help.Invoke(parseResult);
            Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return code;
        }
    }
}
