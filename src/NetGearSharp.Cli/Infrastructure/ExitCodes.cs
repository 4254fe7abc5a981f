namespace NetGearSharp.Cli;

/// <summary>The process exit codes of <c>netgear</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Normal end (including Ctrl+C).</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure (one-line reason on stderr; the stack trace only with <c>--verbose</c>).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments (the message names the argument).</summary>
    public const int BadArguments = 2;
}
