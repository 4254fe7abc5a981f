using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace NetGearSharp.Cli;

/// <summary>Parser errors as the tool prints them: with the command's prefix, as one sentence.</summary>
internal static partial class ParseErrors
{
    /// <summary>The command's prefix, its whole path: <c>netgear view</c>, <c>netgear keys show</c> (just <c>netgear</c> at the root).</summary>
    public static string Prefix(ParseResult parse)
    {
        var path = CommandPath(parse);
        return path.Length == 0 ? "netgear" : $"netgear {path}";
    }

    /// <summary>
    /// The errors to show: all but "required command was not provided" when a word was not understood
    /// (<c>netgear keys bogus</c>): that one says why, the other only repeats it.
    /// </summary>
    public static IEnumerable<ParseError> Shown(ParseResult parse)
        => parse.UnmatchedTokens.Count == 0 || parse.Errors.Count < 2
            ? parse.Errors
            : parse.Errors.Where(error => !error.Message.StartsWith("Required command was not provided", StringComparison.OrdinalIgnoreCase));

    /// <summary>The command's path below the root: <c>view</c>, <c>keys show</c>; empty at the root.</summary>
    public static string CommandPath(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (var result = parse.CommandResult; result is { Command: not RootCommand }; result = result.Parent as CommandResult)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>The placeholder (help name) of the command's option called <paramref name="name"/> (or by an alias), if it has one.</summary>
    public static string? Placeholder(ParseResult parse, string name)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name))?.HelpName;
    }

    /// <summary>
    /// Rewords messages that read oddly behind the prefix: <c>Option '--ports' is required.</c> becomes
    /// <c>option --ports is required.</c> (a first word that is a name, such as <c>OpenCV</c>, keeps its case); others are kept.
    /// </summary>
    public static string Sentence(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = QuotedOption().Replace(message, "$1");
        return text.Length > 0 && char.IsUpper(text[0]) && !KeepsItsCase(text) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>A first word written with more capitals than its first (OpenCV, TimeSpan, CURVE) is a name: kept as it is.</summary>
    private static bool KeepsItsCase(string text)
    {
        var end = text.IndexOfAny([' ', ':', ',', '.', '\'', '(']);
        var word = end < 0 ? text : text[..end];
        return word.Skip(1).Any(char.IsUpper);
    }

    [GeneratedRegex("'(--?[A-Za-z0-9-]+)'")]
    private static partial Regex QuotedOption();
}
