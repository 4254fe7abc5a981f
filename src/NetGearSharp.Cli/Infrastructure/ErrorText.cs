namespace NetGearSharp.Cli;

/// <summary>An exception's message as one line of the tool's output.</summary>
internal static class ErrorText
{
    /// <summary>
    /// The message on one line, without .NET's <c>(Parameter 'x')</c> after an argument error (the name of a method's
    /// parameter means nothing to the tool's user); an <see cref="AggregateException"/> of one error gives that one's.
    /// </summary>
    public static string OneLine(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate) ex = aggregate.InnerExceptions[0];
        return WithoutParameter(ex).ReplaceLineEndings(" ");
    }

    /// <summary>The message of <paramref name="ex"/> without the <c>(Parameter 'x')</c> an argument error ends with.</summary>
    public static string WithoutParameter(Exception ex) => ex is ArgumentException { ParamName: { } name }
        ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
        : ex.Message;
}
