using System.CommandLine;
using System.Text.RegularExpressions;

namespace NetGearSharp.Cli;

/// <summary>Parser errors as the tool prints them: with the command's prefix, as one sentence.</summary>
internal static partial class ParseErrors
{
    /// <summary>The command's prefix, e.g. <c>netgear view</c> (just <c>netgear</c> at the root).</summary>
    public static string Prefix(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        return command is RootCommand ? "netgear" : $"netgear {command.Name}";
    }

    /// <summary>The placeholder (help name) of the command's option called <paramref name="name"/> (or by an alias), if it has one.</summary>
    public static string? Placeholder(ParseResult parse, string name)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name))?.HelpName;
    }

    /// <summary>
    /// Rewords the parser's messages that read oddly behind the prefix: <c>Option '--ports' is required.</c> becomes
    /// <c>option --ports is required.</c>; others are kept.
    /// </summary>
    public static string Sentence(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = QuotedOption().Replace(message, "$1");
        return text.Length > 0 && char.IsUpper(text[0]) && !text.StartsWith("--", StringComparison.Ordinal) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    [GeneratedRegex("'(--?[A-Za-z0-9-]+)'")]
    private static partial Regex QuotedOption();
}
