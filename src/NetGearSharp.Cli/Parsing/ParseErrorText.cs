using System.Text.RegularExpressions;

namespace NetGearSharp.Cli;

/// <summary>
/// Rewrites System.CommandLine's type-conversion errors, which name .NET types
/// (<c>Cannot parse argument 'abc' for option '--fps' as expected type 'System.Nullable`1[System.Double]'.</c>),
/// into words: the bad value, the option and the kind of number it needs.
/// </summary>
internal static partial class ParseErrorText
{
    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.?$")]
    private static partial Regex TypeError();

    /// <summary>The friendly text of a parse error (other errors are returned unchanged).</summary>
    public static string Friendly(string message)
    {
        var match = TypeError().Match(message);
        if (!match.Success) return message;
        var type = match.Groups["type"].Value;
        var wanted = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal)
            ? "a whole number such as 10"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal)
                ? "a number such as 2.5"
                : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false" : "a value of the right kind";
        return $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not allowed; give {wanted}.";
    }
}
