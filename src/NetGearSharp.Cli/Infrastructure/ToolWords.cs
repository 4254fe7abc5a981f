using System.Text.RegularExpressions;

namespace NetGearSharp.Cli;

/// <summary>
/// Rewrites the library's advice in its log lines into the tool's options: <c>map it with ForwardedPorts [15566] =
/// 5566</c> (a C# option) becomes <c>map it with --forwarded-port 15566=5566</c> (what a user of <c>netgear view</c>
/// can give).
/// </summary>
internal static partial class ToolWords
{
    /// <summary>The line with the library's option names replaced by the tool's.</summary>
    public static string For(string message)
    {
        if (!message.Contains("ForwardedPorts", StringComparison.Ordinal)) return message;
        message = KnownTarget().Replace(message, "map it with --forwarded-port $1=$2");
        return UnknownTarget().Replace(message, "map it with --forwarded-port $1=PORT (PORT: the port of --ports its connections arrive on)");
    }

    [GeneratedRegex(@"map it with ForwardedPorts \[(\d+)\] = (\d+)")]
    private static partial Regex KnownTarget();

    [GeneratedRegex(@"map it with ForwardedPorts \[(\d+)\] = the client's port it arrives on")]
    private static partial Regex UnknownTarget();
}
