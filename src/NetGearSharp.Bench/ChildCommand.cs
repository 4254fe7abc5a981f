namespace NetGearSharp.Bench;

/// <summary>
/// How a benchmark child process is started: <see cref="FileName"/>, then <see cref="ArgumentPrefix"/>, then the
/// server arguments. The child must call <see cref="BenchServerProcess.RunAsync"/> with those server arguments.
/// </summary>
/// <param name="FileName">The program to run, e.g. the <c>netgear</c> executable.</param>
/// <param name="ArgumentPrefix">Arguments before the server arguments, e.g. <c>["bench-server"]</c>.</param>
internal sealed record ChildCommand(string FileName, IReadOnlyList<string> ArgumentPrefix)
{
    /// <summary>
    /// This program again with the given verb: the apphost directly, or <c>dotnet app.dll verb</c> when the program
    /// was started through <c>dotnet</c>.
    /// </summary>
    public static ChildCommand ForCurrentProcess(params string[] verb)
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown; give a ChildCommand.");
        var name = Path.GetFileNameWithoutExtension(process);
        if (string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
            if (string.IsNullOrEmpty(entry)) throw new InvalidOperationException("The entry assembly is unknown; give a ChildCommand.");
            return new ChildCommand(process, [entry, .. verb]);
        }
        return new ChildCommand(process, verb);
    }
}
