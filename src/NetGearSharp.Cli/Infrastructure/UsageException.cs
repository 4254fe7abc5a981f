namespace NetGearSharp.Cli;

/// <summary>A bad command-line argument: exit code 2, with a message naming the option and what is allowed.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="option">The option, e.g. <c>--port</c>.</param>
    /// <param name="message">What is wrong and what is allowed.</param>
    public UsageException(string option, string message) : base($"{option}: {message}")
    {
        Option = option;
    }

    /// <summary>The bad option, e.g. <c>--port</c>.</summary>
    public string Option { get; }

    /// <summary>Turns the core library's option error into a usage error naming the tool's option.</summary>
    public static UsageException FromCore(ArgumentException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var message = ErrorText.WithoutParameter(ex);
        // 'Address 'tcp://x' is not valid: ...' names the library's option: behind '--address:' the value comes first.
        if (ex.ParamName is { } name && message.StartsWith(name.Split('.')[^1] + " '", StringComparison.Ordinal))
            message = message[(name.Split('.')[^1].Length + 1)..];
        return new UsageException(OptionNames.For(ex.ParamName), ParseErrors.Sentence(message));
    }
}
