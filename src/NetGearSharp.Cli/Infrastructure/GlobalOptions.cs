using System.CommandLine;

namespace NetGearSharp.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    /// <summary><c>--verbose</c>: log details and print stack traces of failures.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log details to stderr and show the stack trace of a failure.",
        Recursive = true,
    };
}
