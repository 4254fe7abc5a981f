using System.Text.RegularExpressions;

namespace NetGearSharp.Cli;

/// <summary>
/// Rewrites System.CommandLine's errors that name .NET types or read as the parser's internals
/// (<c>Cannot parse argument 'abc' for option '--fps' as expected type 'System.Nullable`1[System.Double]'.</c>,
/// <c>Required argument missing for option: '--ports'.</c>, <c>Option '-p' expects a single argument but 2 were provided.</c>)
/// into words: the option, the bad value and what it needs.
/// </summary>
internal static partial class ParseErrorText
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.?$")]
    private static partial Regex TypeError();

    [GeneratedRegex(@"^Required argument missing for option: '(?<option>[^']+)'\.?$")]
    private static partial Regex MissingValue();

    [GeneratedRegex(@"^Option '(?<option>[^']+)' expects a single argument but (?<count>\d+) were provided\.?$")]
    private static partial Regex Repeated();

    /// <summary>The friendly text of a parse error (other errors are returned unchanged).</summary>
    /// <param name="message">The parser's message.</param>
    /// <param name="placeholder">The placeholder of an option by name (e.g. <c>PORT,PORT,...</c> for <c>--ports</c>), when known.</param>
    public static string Friendly(string message, Func<string, string?>? placeholder = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (MissingValue().Match(message) is { Success: true } missing)
        {
            var option = missing.Groups["option"].Value;
            return $"{option}: no value given; write {Example(option, placeholder)}.";
        }
        if (Repeated().Match(message) is { Success: true } repeated)
        {
            var option = repeated.Groups["option"].Value;
            return $"{option}: given {repeated.Groups["count"].Value} times; give it once: {Example(option, placeholder)}.";
        }
        var match = TypeError().Match(message);
        if (!match.Success) return message;
        var type = match.Groups["type"].Value;
        var name = match.Groups["option"].Value;
        var wanted = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal)
            ? placeholder?.Invoke(name) == "PORT" ? "a port number 1-65535" : "a whole number such as 10"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal)
                ? "a number such as 2.5"
                : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false" : "a value of the right kind";
        return $"{name}: '{match.Groups["value"].Value}' is not allowed; give {wanted}.";
    }

    private static string Example(string option, Func<string, string?>? placeholder)
        => placeholder?.Invoke(option) is { Length: > 0 } help ? $"{option} <{help}>" : $"{option} and its value";
}
