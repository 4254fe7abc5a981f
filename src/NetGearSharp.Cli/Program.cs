namespace NetGearSharp.Cli;

/// <summary>Entry point of the <c>netgear</c> tool.</summary>
internal static class Program
{
    /// <summary>Runs the tool; the return value is the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static Task<int> Main(string[] args)
    {
        QuietNativeLogs.Apply();
        return NetgearApp.RunAsync(args);
    }
}
